package io.voicegateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void blocksHandedOutInOneJvmNeverOverlap() {
    BitSet seen = new BitSet(65536);
    for (int i = 0; i < 60; i++) {
      int count = i % 3 == 0 ? 200 : 1;
      int start = FreePorts.block(count);
      assertEquals(0, start % 2, "blocks start on an even port");
      assertFalse(seen.get(start, start + count).cardinality() > 0, "block " + start + "+" + count + " overlaps");
      seen.set(start, start + count);
    }
  }
}
