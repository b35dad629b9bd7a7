package io.voicegateway.bridge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class FrameLengthGuardTest {
  private final FrameLengthGuard guard = new FrameLengthGuard();

  private boolean admit(int... bytes) {
    byte[] chunk = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chunk[i] = (byte) bytes[i];
    }
    return guard.admit(Unpooled.wrappedBuffer(chunk));
  }

  @Test
  void followsFramesAcrossChunks() {
    assertTrue(admit(0, 0, 0, 2, '{', '}', 0, 0));
    assertTrue(admit(0, 3, '{', '}'));
    assertTrue(admit(' ', 0, 0, 0, 0)); // an empty frame is the parser's business (it fails to decode it)
    assertTrue(admit(0, 0x10, 0, 0)); // exactly the limit
  }

  @Test
  void refusesANegativeLength() {
    assertTrue(admit(0, 0, 0, 1, '1'));
    assertFalse(admit(0xb6, 0, 0, 0x51, 0));
  }

  @Test
  void refusesALengthOverTheLimitEvenSplitByteByByte() {
    assertTrue(admit(0));
    assertTrue(admit(0x10));
    assertTrue(admit(0));
    assertFalse(admit(1));
  }

  @Test
  void lengthsInsideABodyAreNotHeaders() {
    assertTrue(admit(0, 0, 0, 4, 0xff, 0xff, 0xff, 0xff));
    assertTrue(admit(0, 0, 0, 0));
  }
}
