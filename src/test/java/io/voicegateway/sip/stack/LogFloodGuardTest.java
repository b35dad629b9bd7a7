package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogFloodGuardTest {
  private final AtomicLong now = new AtomicLong();
  private final LogFloodGuard guard = new LogFloodGuard(now::get);

  @Test
  void aDatagramDumpBecomesOneShortLine() {
    byte[] datagram = new byte[1400];
    Arrays.fill(datagram, (byte) 'A');
    String line = guard.admit("Error while processing incoming UDP packet" + Arrays.toString(datagram));
    assertEquals("Error while processing incoming UDP packet[bytes]", line);
  }

  @Test
  void aLongOrMultiLineMessageIsCutToOneLine() {
    String line = guard.admit("x".repeat(5000) + "\r\nsecond line");
    assertTrue(line.length() <= 301, line.length() + " chars");
    assertTrue(!line.contains("\n"));
  }

  @Test
  void oneOfAKindPerWindowAndTheNextSaysHowManyWereHeldBack() {
    String first = guard.admit("Error while processing incoming UDP packet[1, 2, 3, 4, 5, 6, 7, 8, 9]");
    assertEquals("Error while processing incoming UDP packet[bytes]", first);
    for (int i = 0; i < 1000; i++) {
      now.addAndGet(1_000_000); // 1 ms apart: a flood
      assertNull(guard.admit("Error while processing incoming UDP packet[" + i + ", 2, 3, 4, 5, 6, 7, 8, 9]"));
    }
    assertEquals("Another kind of trouble", guard.admit("Another kind of trouble"), "other kinds still pass");
    now.addAndGet(LogFloodGuard.WINDOW_NANOS);
    assertEquals("Error while processing incoming UDP packet[bytes] (and 1000 more like it before)",
        guard.admit("Error while processing incoming UDP packet[9, 9, 9, 9, 9, 9, 9, 9, 9]"));
  }

  @Test
  void aCallerNamedKindHoldsBackLinesThatDifferOnlyInWhatTheSenderControls() {
    assertEquals("malformed SIP (version) from 10.0.0.1:5060/udp: x",
        guard.admit("version", "malformed SIP (version) from 10.0.0.1:5060/udp: x"));
    for (int port = 1; port <= 50; port++) {
      assertNull(guard.admit("version", "malformed SIP (version) from 10.0.0." + port + ":" + port + "/udp: x"));
    }
    now.addAndGet(LogFloodGuard.WINDOW_NANOS);
    assertEquals("malformed SIP (version) from 10.0.0.9:9/udp: x (and 50 more like it before)",
        guard.admit("version", "malformed SIP (version) from 10.0.0.9:9/udp: x"));
  }

  @Test
  void controlCharactersFromASenderAreShownNotObeyed() {
    assertEquals("bad header ?[31mred?[0m? x", LogFloodGuard.shortened("bad header \u001b[31mred\u001b[0m\u0000 x"));
  }
}
