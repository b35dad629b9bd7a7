package io.voicegateway.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A malformed offer is refused without the SDP library's stack trace; other stderr output still passes. */
class QuietStderrTest {
  private static final String BAD_BANDWIDTH = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
      + "b=AS\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream before;

  @BeforeEach
  void capture() {
    before = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(before);
  }

  @Test
  void aBadBandwidthLineIs400WithoutAStackTrace() {
    SdpNegotiationException e = assertThrows(SdpNegotiationException.class, () -> SdpReader.read(BAD_BANDWIDTH));
    assertEquals(400, e.status());
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writesOutsideTheParseStillPass() throws Exception {
    QuietStderr.during(() -> {
      System.err.print("hidden");
      return null;
    });
    System.err.print("shown");
    assertEquals("shown", captured.toString(StandardCharsets.UTF_8));
  }
}
