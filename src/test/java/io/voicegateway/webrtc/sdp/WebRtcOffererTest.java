package io.voicegateway.webrtc.sdp;

import static io.voicegateway.webrtc.sdp.BrowserOffers.CHROMIUM;
import static io.voicegateway.webrtc.sdp.BrowserOffers.CHROMIUM_FINGERPRINT;
import static io.voicegateway.webrtc.sdp.BrowserOffers.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's own WebRTC offer (calls to JsSIP/SIP.js phones) and the reading of a browser's answer to it. */
class WebRtcOffererTest {
  private static final DtlsFingerprint OURS = DtlsFingerprint.of("sha-256",
      "11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00");

  /** What Chromium answers to our offer (its lines as JsSIP's 200 carried them in JsSipIncomingIT). */
  private static final String CHROMIUM_ANSWER = String.join("\r\n",
      "v=0",
      "o=- 3416153937129634521 2 IN IP4 127.0.0.1",
      "s=-",
      "t=0 0",
      "a=group:BUNDLE 0",
      "a=msid-semantic: WMS",
      "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 110 126",
      "c=IN IP4 0.0.0.0",
      "a=rtcp:9 IN IP4 0.0.0.0",
      "a=candidate:3125893744 1 udp 2113937151 7d1e2c45-0a4b-4c1f-9d5e-3b2a1c0d9e8f.local 54321 typ host generation 0",
      "a=ice-ufrag:q1Xy",
      "a=ice-pwd:Zt8wV3bN5mK2pL9cR4sD7fGh",
      "a=ice-options:trickle",
      "a=fingerprint:sha-256 " + CHROMIUM_FINGERPRINT,
      "a=setup:active",
      "a=mid:0",
      "a=sendrecv",
      "a=msid:- 5f3c0a1e-7b2d-4e8f-a9c6-1d2e3f4a5b6c",
      "a=rtcp-mux",
      "a=rtpmap:111 opus/48000/2",
      "a=fmtp:111 minptime=10;useinbandfec=1",
      "a=rtpmap:0 PCMU/8000",
      "a=rtpmap:8 PCMA/8000",
      "a=rtpmap:110 telephone-event/48000",
      "a=rtpmap:126 telephone-event/8000",
      "a=ssrc:1001 cname:abc",
      "") ;

  private final WebRtcOfferer offerer = new WebRtcOfferer(new SecureRandom(), OURS, "192.0.2.7", 40000);

  @Test
  void offersIceLiteActpassOpusFirstThenG711AndTelephoneEventAtBothClocks() throws WebRtcSdpException {
    String sdp = offerer.offer();
    List<String> lines = List.of(sdp.split("\r\n"));
    assertTrue(sdp.endsWith("\r\n") && !sdp.replace("\r\n", "").contains("\n"), "CRLF line ends");
    int m = lines.indexOf("m=audio 40000 UDP/TLS/RTP/SAVPF 111 0 8 110 126");
    assertTrue(m > 0, sdp);
    assertTrue(lines.indexOf("a=ice-lite") < m && lines.indexOf("a=group:BUNDLE 0") < m, "session level: " + sdp);
    for (String line : List.of("c=IN IP4 192.0.2.7", "a=mid:0", "a=ice-ufrag:" + offerer.localIce().ufrag(),
        "a=ice-pwd:" + offerer.localIce().pwd(), "a=fingerprint:sha-256 " + OURS.hex(), "a=setup:actpass",
        "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
        "a=fmtp:111 minptime=10;useinbandfec=1;maxaveragebitrate=96000", "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000", "a=rtpmap:110 telephone-event/48000", "a=rtpmap:126 telephone-event/8000",
        "a=candidate:1 1 udp 2130706431 192.0.2.7 40000 typ host", "a=end-of-candidates")) {
      assertTrue(lines.indexOf(line) > m, line + " in the audio section:\n" + sdp);
    }
    // our own offer reads back as a browser's offer would, except that it is lite (a browser never is)
    WebRtcOffer back = WebRtcOffer.parse(sdp);
    assertTrue(back.iceLite());
    assertEquals(DtlsSetup.ACTPASS, back.media().get(0).setup());
    assertEquals(111, back.media().get(0).opus().payloadType());
    assertTrue(back.media().get(0).opus().useInbandFec());
  }

  @Test
  void readsChromiumsAnswerOpusWithTheBrowsersIceAndFingerprint() throws WebRtcSdpException {
    offerer.offer();
    WebRtcAccepted accepted = offerer.accept(CHROMIUM_ANSWER);
    assertEquals("OPUS", accepted.codec());
    assertEquals(111, accepted.payloadType());
    assertEquals(110, accepted.dtmfPayloadType(), "telephone-event at Opus's clock");
    WebRtcAnswer settled = accepted.answer();
    assertEquals(new IceCredentials("q1Xy", "Zt8wV3bN5mK2pL9cR4sD7fGh"), settled.remoteIce());
    assertEquals(offerer.localIce(), settled.localIce());
    assertEquals(List.of(DtlsFingerprint.of("sha-256", CHROMIUM_FINGERPRINT)), settled.remoteFingerprints());
    assertEquals("0", settled.mid());
    assertEquals(Direction.SENDRECV, settled.direction());
    assertThrows(WebRtcSdpException.class, () -> offerer.accept(CHROMIUM_ANSWER), "one answer per offer");
  }

  @Test
  void aG711AnswerRunsG711WithTelephoneEventAt8000() throws WebRtcSdpException {
    WebRtcAccepted accepted = offerer.accept(CHROMIUM_ANSWER.replace("SAVPF 111 0 8 110 126", "SAVPF 8 0 110 126"));
    assertEquals("PCMA", accepted.codec());
    assertEquals(8, accepted.payloadType());
    assertEquals(126, accepted.dtmfPayloadType());
  }

  @Test
  void noSetupInTheAnswerMeansActive() throws WebRtcSdpException {
    assertEquals("OPUS", offerer.accept(CHROMIUM_ANSWER.replace("a=setup:active\r\n", "")).codec());
  }

  @Test
  void refusesAnswersThatWouldMakeTheBrowserTheDtlsServerOrCannotBeChecked() {
    String passive = assertThrows(WebRtcSdpException.class,
        () -> offerer.accept(CHROMIUM_ANSWER.replace("a=setup:active", "a=setup:passive"))).getMessage();
    assertTrue(passive.contains("a=setup:passive") && passive.contains("DTLS server"), passive);
    assertThrows(WebRtcSdpException.class,
        () -> offerer.accept(CHROMIUM_ANSWER.replace("a=setup:active", "a=setup:actpass")));
    assertThrows(WebRtcSdpException.class,
        () -> offerer.accept(CHROMIUM_ANSWER.replace("a=fingerprint:sha-256 " + CHROMIUM_FINGERPRINT + "\r\n", "")));
    assertThrows(WebRtcSdpException.class, () -> offerer.accept(CHROMIUM_ANSWER.replace("a=rtcp-mux\r\n", "")));
    assertThrows(WebRtcSdpException.class, () -> offerer.accept(CHROMIUM_ANSWER.replace("a=ice-pwd:", "a=x-pwd:")));
    assertThrows(WebRtcSdpException.class, () -> offerer.accept(CHROMIUM_ANSWER.replace("m=audio 9", "m=audio 0")));
    assertThrows(WebRtcSdpException.class,
        () -> offerer.accept(CHROMIUM_ANSWER.replace("SAVPF 111 0 8 110 126", "SAVPF 110 126")));
    assertThrows(WebRtcSdpException.class,
        () -> offerer.accept(CHROMIUM_ANSWER.replace("t=0 0\r\n", "t=0 0\r\na=ice-lite\r\n")));
    // nothing refused took the offer's one answer
    assertThrows(WebRtcSdpException.class,
        () -> offerer.accept(CHROMIUM_ANSWER.replace("a=setup:active", "a=setup:passive")));
  }

  @Test
  void theBrowsersReofferIsAnsweredWithTheSettledRolesAndCredentials() throws WebRtcSdpException {
    WebRtcAccepted accepted = offerer.accept(CHROMIUM_ANSWER);
    // the browser re-offers (hold) with the credentials and certificate of the session
    String reoffer = replace(replace(CHROMIUM, "a=ice-ufrag:", "a=ice-ufrag:q1Xy"), "a=ice-pwd:",
        "a=ice-pwd:Zt8wV3bN5mK2pL9cR4sD7fGh");
    WebRtcAnswer answer = accepted.answerer().answer(reoffer);
    assertFalse(answer.iceRestart(), "same credentials: no ICE restart");
    assertEquals(offerer.localIce(), answer.localIce(), "our credentials kept");
    assertTrue(answer.sdp().contains("a=setup:passive"), answer.sdp());
    assertTrue(answer.sdp().contains("a=ice-ufrag:" + offerer.localIce().ufrag()), answer.sdp());
    String passive = replace(reoffer, "a=setup:", "a=setup:passive");
    assertThrows(WebRtcSdpException.class, () -> accepted.answerer().answer(passive), "roles kept");
  }
}
