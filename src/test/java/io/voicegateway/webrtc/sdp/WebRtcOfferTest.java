package io.voicegateway.webrtc.sdp;

import static io.voicegateway.webrtc.sdp.BrowserOffers.CHROMIUM;
import static io.voicegateway.webrtc.sdp.BrowserOffers.CHROMIUM_FINGERPRINT;
import static io.voicegateway.webrtc.sdp.BrowserOffers.FIREFOX;
import static io.voicegateway.webrtc.sdp.BrowserOffers.FIREFOX_FINGERPRINT;
import static io.voicegateway.webrtc.sdp.BrowserOffers.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebRtcOfferTest {

  @Test
  void readsChromiumsAudioOffer() throws WebRtcSdpException {
    WebRtcOffer offer = WebRtcOffer.parse(CHROMIUM);

    assertEquals("4611731400430051336", offer.originSessionId());
    assertEquals(2, offer.originVersion());
    assertFalse(offer.iceLite());
    assertEquals(List.of(List.of("0")), offer.bundleGroups());
    assertEquals(1, offer.media().size());
    OfferedMedia audio = offer.media().get(0);
    assertTrue(audio.isAudio());
    assertTrue(audio.isDtlsSrtp());
    assertEquals(9, audio.port());
    assertEquals(List.of("111", "63", "9", "0", "8", "13", "110", "126"), audio.formats());
    assertEquals("0", audio.mid());
    assertEquals("Hm0t", audio.iceUfrag());
    assertEquals("3lLfm1kc6cBB0GvZbsOu6fT+", audio.icePwd());
    assertEquals(List.of("trickle"), audio.iceOptions());
    assertEquals(List.of(DtlsFingerprint.of("sha-256", CHROMIUM_FINGERPRINT)), audio.fingerprints());
    assertEquals(DtlsSetup.ACTPASS, audio.setup());
    assertTrue(audio.rtcpMux());
    assertEquals(Direction.SENDRECV, audio.direction());
    assertEquals(new OpusFormat(111, 10, true, false, 0), audio.opus());
    assertEquals(List.of(new TelephoneEventFormat(110, 48000), new TelephoneEventFormat(126, 8000)),
        audio.telephoneEvents());
    assertEquals(new TelephoneEventFormat(110, 48000), audio.telephoneEvent().orElseThrow());
  }

  @Test
  void readsCandidatesIncludingMdnsNamesAndTcp() throws WebRtcSdpException {
    List<IceCandidate> candidates = WebRtcOffer.parse(CHROMIUM).media().get(0).candidates();

    assertEquals(3, candidates.size());
    assertEquals(new IceCandidate("3348385240", 1, "udp", 2122260223L, "192.168.1.23", 54321, "host"),
        candidates.get(0));
    assertEquals("6f1c8a70-3b3c-4d0e-9b2a-1f5b0a7f6d21.local", candidates.get(1).address());
    assertEquals("tcp", candidates.get(2).transport());
  }

  @Test
  void readsFirefoxsSessionLevelFingerprintAndOpusParameters() throws WebRtcSdpException {
    WebRtcOffer offer = WebRtcOffer.parse(FIREFOX);

    assertEquals(List.of(List.of("0", "1")), offer.bundleGroups());
    OfferedMedia audio = offer.media().get(0);
    assertEquals(List.of(DtlsFingerprint.of("sha-256", FIREFOX_FINGERPRINT)), audio.fingerprints());
    assertEquals(List.of("trickle"), audio.iceOptions());
    assertEquals("9d3c7e1a", audio.iceUfrag());
    assertEquals(new OpusFormat(109, 0, true, true, 32000), audio.opus());
    assertEquals(List.of(new TelephoneEventFormat(101, 8000)), audio.telephoneEvents());
    OfferedMedia data = offer.media().get(1);
    assertEquals("application", data.mediaType());
    assertEquals(List.of("webrtc-datachannel"), data.formats());
    assertFalse(data.isDtlsSrtp());
    assertNull(data.opus());
  }

  @Test
  void mediaLevelValuesOverrideTheSessions() throws WebRtcSdpException {
    String offer = replace(CHROMIUM, "a=group:BUNDLE", "a=group:BUNDLE 0", "a=ice-ufrag:sess", "a=ice-pwd:"
        + "sessionsessionsession1", "a=fingerprint:sha-1 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33",
        "a=recvonly");

    OfferedMedia audio = WebRtcOffer.parse(offer).media().get(0);

    assertEquals("Hm0t", audio.iceUfrag());
    assertEquals("3lLfm1kc6cBB0GvZbsOu6fT+", audio.icePwd());
    assertEquals("sha-256", audio.fingerprints().get(0).algorithm());
    assertEquals(Direction.SENDRECV, audio.direction());
  }

  @Test
  void sessionLevelValuesApplyWhenTheSectionSaysNothing() throws WebRtcSdpException {
    String offer = replace(CHROMIUM, "a=group:BUNDLE", "a=group:BUNDLE 0", "a=ice-ufrag:sess", "a=ice-pwd:"
        + "sessionsessionsession1", "a=recvonly");
    offer = replace(replace(replace(offer, "a=ice-ufrag:Hm0t"), "a=ice-pwd:3l"), "a=sendrecv");

    OfferedMedia audio = WebRtcOffer.parse(offer).media().get(0);

    assertEquals("sess", audio.iceUfrag());
    assertEquals("sessionsessionsession1", audio.icePwd());
    assertEquals(Direction.RECVONLY, audio.direction());
  }

  @Test
  void skipsFingerprintsOfHashesItDoesNotTrust() throws WebRtcSdpException {
    String offer = replace(CHROMIUM, "a=fingerprint:",
        "a=fingerprint:md5 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF");

    assertEquals(List.of(), WebRtcOffer.parse(offer).media().get(0).fingerprints());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=fingerprint:sha-256 0F:5B:7E", "a=fingerprint:sha-256 ZZ:5B", "a=fingerprint:sha-256",
      "a=setup:sideways", "m=audio 99999 UDP/TLS/RTP/SAVPF 111", "m=audio", "o=- x 2 IN IP4 127.0.0.1",
      "this is not sdp"})
  void refusesMalformedLinesNamingThem(String line) {
    String prefix = line.startsWith("m=") ? "m=audio" : line.startsWith("o=") ? "o=" : line.startsWith("a=setup")
        ? "a=setup" : line.startsWith("a=") ? "a=fingerprint" : "a=rtcp-mux";
    String offer = replace(CHROMIUM, prefix, line);

    WebRtcSdpException e = assertThrows(WebRtcSdpException.class, () -> WebRtcOffer.parse(offer));

    assertTrue(e.getMessage().contains(line.substring(0, Math.min(line.length(), 12))), e.getMessage());
  }

  @Test
  void refusesAnOfferTooLongToBeABrowsers() {
    String padding = "a=ssrc:1 cname:x\r\n".repeat(WebRtcOfferParser.MAX_LENGTH / 10);

    WebRtcSdpException e = assertThrows(WebRtcSdpException.class, () -> WebRtcOffer.parse(CHROMIUM + padding));

    assertTrue(e.getMessage().contains("more than 65536"), e.getMessage());
  }

  @Test
  void refusesTextThatIsNotSdp() {
    assertThrows(WebRtcSdpException.class, () -> WebRtcOffer.parse(""));
    assertThrows(WebRtcSdpException.class, () -> WebRtcOffer.parse(null));
    assertThrows(WebRtcSdpException.class, () -> WebRtcOffer.parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n"));
  }
}
