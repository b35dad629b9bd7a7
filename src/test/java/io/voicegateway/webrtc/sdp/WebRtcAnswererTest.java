package io.voicegateway.webrtc.sdp;

import static io.voicegateway.webrtc.sdp.BrowserOffers.CHROMIUM;
import static io.voicegateway.webrtc.sdp.BrowserOffers.CHROMIUM_FINGERPRINT;
import static io.voicegateway.webrtc.sdp.BrowserOffers.FIREFOX;
import static io.voicegateway.webrtc.sdp.BrowserOffers.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebRtcAnswererTest {

  private static final DtlsFingerprint OURS = DtlsFingerprint.of("sha-256",
      "11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00");

  private final WebRtcAnswerer answerer = new WebRtcAnswerer(new SecureRandom(), OURS, "192.0.2.7", 40000);

  private static List<String> lines(String sdp) {
    return List.of(sdp.split("\r\n"));
  }

  /** The lines between the n-th m= line (0-based) and the next. */
  private static List<String> section(String sdp, int n) {
    List<String> all = lines(sdp);
    int start = -1;
    int seen = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).startsWith("m=") && seen++ == n) {
        start = i;
      } else if (start >= 0 && all.get(i).startsWith("m=")) {
        return all.subList(start, i);
      }
    }
    return all.subList(start, all.size());
  }

  private static List<String> sessionLines(String sdp) {
    List<String> all = lines(sdp);
    return all.subList(0, all.indexOf(section(sdp, 0).get(0)));
  }

  @Test
  void answersChromiumAsAnIceLiteDtlsServerWithOpusAndTelephoneEvent() throws WebRtcSdpException {
    WebRtcAnswer answer = answerer.answer(CHROMIUM);
    String sdp = answer.sdp();

    assertTrue(sdp.endsWith("\r\n") && !sdp.replace("\r\n", "").contains("\n"), "CRLF line ends");
    List<String> session = sessionLines(sdp);
    assertEquals("v=0", session.get(0));
    assertTrue(session.contains("a=ice-lite"), "ice-lite belongs at session level: " + session);
    assertTrue(session.contains("a=group:BUNDLE 0"));
    List<String> audio = section(sdp, 0);
    assertEquals("m=audio 40000 UDP/TLS/RTP/SAVPF 111 110", audio.get(0));
    assertTrue(audio.contains("c=IN IP4 192.0.2.7"));
    assertTrue(audio.contains("a=mid:0"));
    assertTrue(audio.contains("a=setup:passive"));
    assertTrue(audio.contains("a=fingerprint:sha-256 " + OURS.hex()));
    assertTrue(audio.contains("a=rtcp-mux"));
    assertTrue(audio.contains("a=sendrecv"));
    assertTrue(audio.contains("a=rtpmap:111 opus/48000/2"));
    assertTrue(audio.contains("a=fmtp:111 minptime=10;useinbandfec=1;maxaveragebitrate=96000"), audio.toString());
    assertTrue(audio.contains("a=rtpmap:110 telephone-event/48000"));
    assertTrue(audio.contains("a=candidate:1 1 udp 2130706431 192.0.2.7 40000 typ host"));
    assertTrue(audio.contains("a=ice-ufrag:" + answer.localIce().ufrag()));
    assertTrue(audio.contains("a=ice-pwd:" + answer.localIce().pwd()));
    assertFalse(sdp.contains("red/") || sdp.contains("extmap") || sdp.contains("ice-options"), sdp);

    assertEquals("0", answer.mid());
    assertEquals(111, answer.opus().payloadType());
    assertEquals(new TelephoneEventFormat(110, 48000), answer.telephoneEvent());
    assertEquals(Direction.SENDRECV, answer.direction());
    assertEquals(new IceCredentials("Hm0t", "3lLfm1kc6cBB0GvZbsOu6fT+"), answer.remoteIce());
    assertEquals(List.of(DtlsFingerprint.of("sha-256", CHROMIUM_FINGERPRINT)), answer.remoteFingerprints());
    assertFalse(answer.iceRestart());
    assertEquals(3, answer.remoteCandidates().size());
  }

  @Test
  void ourIceCredentialsAreLongEnoughAndFreshPerSession() throws WebRtcSdpException {
    IceCredentials first = answerer.answer(CHROMIUM).localIce();
    IceCredentials other = new WebRtcAnswerer(new SecureRandom(), OURS, "192.0.2.7", 40000).answer(CHROMIUM)
        .localIce();

    assertTrue(first.ufrag().length() >= 4 && first.pwd().length() >= 22, first.toString());
    assertTrue(first.pwd().matches("[A-Za-z0-9+/]+"));
    assertNotEquals(first, other);
    assertFalse(first.toString().contains(first.pwd()), "the password stays out of logs");
  }

  @Test
  void theAnswerReadsBackWithItsOwnValues() throws WebRtcSdpException {
    WebRtcAnswer answer = answerer.answer(CHROMIUM);

    OfferedMedia back = WebRtcOffer.parse(answer.sdp()).media().get(0);

    assertEquals(answer.localIce().ufrag(), back.iceUfrag());
    assertEquals(List.of(OURS), back.fingerprints());
    assertEquals(DtlsSetup.PASSIVE, back.setup());
    assertEquals(new OpusFormat(111, 10, true, false, 96_000), back.opus());
  }

  @Test
  void answersFirefoxRejectingItsDataChannelAndLeavingItOutOfTheBundle() throws WebRtcSdpException {
    WebRtcAnswer answer = answerer.answer(FIREFOX);
    String sdp = answer.sdp();

    assertTrue(sessionLines(sdp).contains("a=group:BUNDLE 0"), sdp);
    assertEquals("m=audio 40000 UDP/TLS/RTP/SAVPF 109 101", section(sdp, 0).get(0));
    assertTrue(section(sdp, 0).contains("a=rtpmap:101 telephone-event/8000"));
    assertTrue(section(sdp, 0).contains("a=fmtp:109 minptime=10;useinbandfec=1;maxaveragebitrate=96000"));
    assertEquals(List.of("m=application 0 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 192.0.2.7", "a=mid:1"),
        section(sdp, 1));
    assertEquals("9d3c7e1a", answer.remoteIce().ufrag());
  }

  @Test
  void rejectsAVideoSectionWithPortZeroInItsPlace() throws WebRtcSdpException {
    String offer = replace(CHROMIUM, "a=group:BUNDLE", "a=group:BUNDLE 0 1").replace("m=audio 9 ",
        "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\nm=audio 9 ");
    String sdp = answerer.answer(offer).sdp();

    assertEquals(List.of("m=video 0 UDP/TLS/RTP/SAVPF 96 97", "c=IN IP4 192.0.2.7", "a=mid:1"), section(sdp, 0));
    assertEquals("m=audio 40000 UDP/TLS/RTP/SAVPF 111 110", section(sdp, 1).get(0));
    assertTrue(sessionLines(sdp).contains("a=group:BUNDLE 0"), "the rejected mid leaves the group: " + sdp);
  }

  @Test
  void acceptsOnlyTheFirstAudioSection() throws WebRtcSdpException {
    String second = String.join("\r\n", section(CHROMIUM, 0)).replace("a=mid:0", "a=mid:1") + "\r\n";
    String offer = replace(CHROMIUM, "a=group:BUNDLE", "a=group:BUNDLE 0 1") + second;

    String sdp = answerer.answer(offer).sdp();

    assertEquals("m=audio 40000 UDP/TLS/RTP/SAVPF 111 110", section(sdp, 0).get(0));
    assertEquals("m=audio 0 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", section(sdp, 1).get(0));
  }

  @ParameterizedTest
  @CsvSource({"sendrecv, sendrecv", "sendonly, recvonly", "recvonly, sendonly", "inactive, inactive"})
  void mirrorsTheDirection(String offered, String answered) throws WebRtcSdpException {
    WebRtcAnswer answer = answerer.answer(replace(CHROMIUM, "a=sendrecv", "a=" + offered));

    assertTrue(section(answer.sdp(), 0).contains("a=" + answered), answer.sdp());
    assertEquals(answered, answer.direction().sdpName());
  }

  @Test
  void answersWithoutTelephoneEventWhenNoneIsOffered() throws WebRtcSdpException {
    String offer = replace(replace(CHROMIUM, "a=rtpmap:110 "), "a=rtpmap:126 ");

    WebRtcAnswer answer = answerer.answer(offer);

    assertEquals("m=audio 40000 UDP/TLS/RTP/SAVPF 111", section(answer.sdp(), 0).get(0));
    assertNull(answer.telephoneEvent());
  }

  @Test
  void aReOfferWithActpassIsAnsweredPassiveAgainInTheSameSession() throws WebRtcSdpException {
    WebRtcAnswer first = answerer.answer(CHROMIUM);
    WebRtcAnswer second = answerer.answer(replace(CHROMIUM, "o=", "o=- 4611731400430051336 3 IN IP4 127.0.0.1"));

    assertTrue(section(second.sdp(), 0).contains("a=setup:passive"));
    assertEquals(first.localIce(), second.localIce());
    assertFalse(second.iceRestart());
    String[] o1 = lines(first.sdp()).get(1).split(" ");
    String[] o2 = lines(second.sdp()).get(1).split(" ");
    assertEquals(o1[1], o2[1], "same o= session id");
    assertEquals(Long.parseLong(o1[2]) + 1, Long.parseLong(o2[2]), "o= version goes up by one");
  }

  @Test
  void aReOfferWithActiveIsAnsweredPassive() throws WebRtcSdpException {
    answerer.answer(CHROMIUM);

    assertTrue(answerer.answer(replace(CHROMIUM, "a=setup:", "a=setup:active")).sdp().contains("a=setup:passive"));
  }

  @Test
  void aReOfferWithPassiveIsARoleConflictAndChangesNothing() throws WebRtcSdpException {
    WebRtcAnswer first = answerer.answer(CHROMIUM);

    WebRtcSdpException e = assertThrows(WebRtcSdpException.class,
        () -> answerer.answer(replace(CHROMIUM, "a=setup:", "a=setup:passive")));

    assertTrue(e.getMessage().contains("a=setup:passive") && e.getMessage().contains("roles cannot change"),
        e.getMessage());
    WebRtcAnswer after = answerer.answer(CHROMIUM);
    assertEquals(first.localIce(), after.localIce());
    assertTrue(after.sdp().contains("a=setup:passive"));
  }

  @Test
  void aFirstOfferAskingUsToBeTheDtlsClientIsRefused() {
    WebRtcSdpException e = assertThrows(WebRtcSdpException.class,
        () -> answerer.answer(replace(CHROMIUM, "a=setup:", "a=setup:passive")));

    assertTrue(e.getMessage().contains("DTLS server only"), e.getMessage());
  }

  @Test
  void newBrowserCredentialsAreAnIceRestartAndGetNewOnesFromUs() throws WebRtcSdpException {
    WebRtcAnswer first = answerer.answer(CHROMIUM);
    String restart = replace(replace(CHROMIUM, "a=ice-ufrag:", "a=ice-ufrag:Zq9x"), "a=ice-pwd:",
        "a=ice-pwd:Yb8c7d6e5f4g3h2i1j0k9l8m");

    WebRtcAnswer second = answerer.answer(restart);

    assertTrue(second.iceRestart());
    assertNotEquals(first.localIce(), second.localIce());
    assertEquals("Zq9x", second.remoteIce().ufrag());
    assertTrue(second.sdp().contains("a=ice-ufrag:" + second.localIce().ufrag()));
    assertEquals(second.localIce(), answerer.localIce());
  }

  @Test
  void aReOfferWithAnotherCertificateIsRefused() throws WebRtcSdpException {
    answerer.answer(CHROMIUM);

    WebRtcSdpException e = assertThrows(WebRtcSdpException.class,
        () -> answerer.answer(replace(CHROMIUM, "a=fingerprint:", "a=fingerprint:" + OURS.sdpValue())));

    assertTrue(e.getMessage().contains("changes a=fingerprint"), e.getMessage());
  }

  @Test
  void refusesAnOfferWithoutFingerprint() {
    assertRefused(replace(CHROMIUM, "a=fingerprint:"), "no a=fingerprint");
  }

  @Test
  void refusesAnOfferWithOnlyAnUntrustedFingerprintHash() {
    assertRefused(replace(CHROMIUM, "a=fingerprint:", "a=fingerprint:md5 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD"
        + ":EE:FF"), "no a=fingerprint with a SHA hash");
  }

  @Test
  void refusesAnOfferWithoutIceUfragOrPwd() {
    assertRefused(replace(CHROMIUM, "a=ice-ufrag:"), "no a=ice-ufrag and a=ice-pwd");
    assertRefused(replace(CHROMIUM, "a=ice-pwd:"), "no a=ice-ufrag and a=ice-pwd");
  }

  @Test
  void refusesIceCredentialsTooShort() {
    assertRefused(replace(CHROMIUM, "a=ice-ufrag:", "a=ice-ufrag:Hm0"), "ice-ufrag must be 4 to 256");
    assertRefused(replace(CHROMIUM, "a=ice-pwd:", "a=ice-pwd:short"), "ice-pwd must be 22 to 256");
  }

  @Test
  void refusesAnOfferWithoutRtcpMux() {
    assertRefused(replace(CHROMIUM, "a=rtcp-mux"), "lacks a=rtcp-mux");
  }

  @Test
  void refusesAnOfferWithoutOpus() {
    assertRefused(replace(CHROMIUM, "a=rtpmap:111 "), "no opus/48000/2");
  }

  @Test
  void refusesPlainRtp() {
    assertRefused(CHROMIUM.replace("UDP/TLS/RTP/SAVPF", "RTP/AVP"), "DTLS-SRTP only");
  }

  @Test
  void refusesAVideoOnlyOffer() {
    assertRefused(CHROMIUM.replace("m=audio", "m=video"), "no audio m-line");
  }

  @Test
  void refusesAStoppedAudioSection() {
    assertRefused(CHROMIUM.replace("m=audio 9 ", "m=audio 0 "), "port 0");
  }

  @Test
  void refusesAnIceLiteOfferer() {
    assertRefused(replace(CHROMIUM, "a=extmap-allow-mixed", "a=ice-lite"), "two lite agents");
  }

  @Test
  void writesIpv6Addresses() throws WebRtcSdpException {
    String sdp = new WebRtcAnswerer(new SecureRandom(), OURS, "2001:db8::7", 40000).answer(CHROMIUM).sdp();

    assertTrue(sdp.contains("c=IN IP6 2001:db8::7\r\n"));
    assertTrue(sdp.contains("a=candidate:1 1 udp 2130706431 2001:db8::7 40000 typ host\r\n"));
  }

  @Test
  void refusesABadLocalAddressOrPortAtConstruction() {
    assertThrows(IllegalArgumentException.class, () -> new WebRtcAnswerer(new SecureRandom(), OURS, " ", 40000));
    assertThrows(IllegalArgumentException.class, () -> new WebRtcAnswerer(new SecureRandom(), OURS, "192.0.2.7", 0));
  }

  private void assertRefused(String offer, String reason) {
    WebRtcSdpException e = assertThrows(WebRtcSdpException.class, () -> answerer.answer(offer));
    assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
  }
}
