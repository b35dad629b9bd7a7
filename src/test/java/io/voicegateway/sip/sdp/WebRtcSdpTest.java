package io.voicegateway.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import org.junit.jupiter.api.Test;

class WebRtcSdpTest {
  private static final String BROWSER = String.join("\r\n", "v=0", "o=- 46117 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
      "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 126", "c=IN IP4 0.0.0.0", "a=setup:actpass",
      "a=sendonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "a=rtpmap:0 PCMU/8000",
      "a=rtpmap:126 telephone-event/8000", "") + "\r\n";
  private static final String PLAIN = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-",
      "c=IN IP4 10.0.0.1", "t=0 0", "m=audio 4000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "") + "\r\n";

  @Test
  void tellsBrowserOffersFromPlainOnes() {
    assertTrue(WebRtcSdp.isWebRtc(BROWSER));
    assertTrue(WebRtcSdp.isWebRtc(BROWSER.replace("UDP/TLS/RTP/SAVPF", "RTP/SAVPF")));
    assertFalse(WebRtcSdp.isWebRtc(PLAIN));
    assertFalse(WebRtcSdp.isWebRtc(null));
    assertFalse(WebRtcSdp.isWebRtc("not sdp at all"));
    // the first live audio stream decides: a declined secure one before a plain one is plain
    assertFalse(WebRtcSdp.isWebRtc(PLAIN.replace("m=audio 4000 RTP/AVP 0",
        "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\nm=audio 4000 RTP/AVP 0")));
  }

  @Test
  void theLegRunsOpusAtTheAnsweredTypesWithTheDirectionReversed() throws Exception {
    NegotiatedMedia m = WebRtcSdp.negotiated(BROWSER, 111, 126);
    assertEquals(CodecType.OPUS, m.codec());
    assertEquals(111, m.payloadType());
    assertEquals(126, m.dtmfPayloadType());
    assertEquals(8000, m.dtmfClockRate());
    assertEquals(20, m.ptimeMs());
    assertEquals(MediaDirection.RECVONLY, m.localDirection(), "a sendonly browser holds us");
    assertNull(m.remoteHost());
    assertEquals("useinbandfec=1", m.fmtp());
    assertEquals(NegotiatedMedia.NO_DTMF, WebRtcSdp.negotiated(BROWSER, 111, -1).dtmfPayloadType());
  }

  @Test
  void anOfferWithoutLiveAudioIs400() {
    SdpNegotiationException e = assertThrows(SdpNegotiationException.class,
        () -> WebRtcSdp.negotiated(BROWSER.replace("m=audio 9", "m=audio 0"), 111, -1));
    assertEquals(400, e.status());
  }
}
