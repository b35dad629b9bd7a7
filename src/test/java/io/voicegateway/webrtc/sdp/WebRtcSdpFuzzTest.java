package io.voicegateway.webrtc.sdp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for a browser's SDP offer (WebSocket or SIP body, UTF-8) through {@link WebRtcOffer#parse}. The contract:
 * an offer or a {@link WebRtcSdpException}, never another exception; an offer holds no more media sections than the
 * text has m= lines.
 */
class WebRtcSdpFuzzTest {

  @FuzzTest
  void offer(byte[] body) {
    String sdp = new String(body, StandardCharsets.UTF_8);
    WebRtcOffer offer;
    try {
      offer = WebRtcOffer.parse(sdp);
    } catch (WebRtcSdpException e) {
      return;
    }
    long mLines = sdp.lines().filter(l -> l.strip().startsWith("m=")).count();
    assertTrue(offer.media().size() <= mLines, () -> offer.media().size() + " sections from " + mLines + " m= lines");
  }
}
