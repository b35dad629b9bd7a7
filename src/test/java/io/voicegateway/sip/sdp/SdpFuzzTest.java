package io.voicegateway.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.voicegateway.codec.CodecType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz target for an SDP offer in a SIP body, read as the gateway reads it (UTF-8, {@link SdpNegotiator#answer}).
 * The contract: a negotiated answer or an {@link SdpNegotiationException} carrying a 4xx status (400 unreadable,
 * 488 nothing acceptable), never another exception; an answer names a usable port and renders.
 */
class SdpFuzzTest {

  private final SdpNegotiator negotiator = new SdpNegotiator(
      List.of(CodecType.OPUS, CodecType.G722, CodecType.PCMU, CodecType.PCMA));

  @FuzzTest
  void offer(byte[] body) {
    NegotiatedMedia media;
    try {
      media = negotiator.answer(new String(body, StandardCharsets.UTF_8));
    } catch (SdpNegotiationException e) {
      assertTrue(e.status() >= 400 && e.status() < 500, () -> "status " + e.status() + ": " + e.getMessage());
      return;
    }
    String answer = negotiator.renderAnswer(media, "192.0.2.1", 40000, new SdpOrigin(1, 1));
    assertTrue(answer.startsWith("v=0"), answer);
    assertEquals(-1, answer.indexOf('\0'), answer);
  }
}
