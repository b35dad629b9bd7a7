package io.voicegateway.webrtc.sdp;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * Answers the offers of one browser session: the first offer and every re-offer of the same peer connection.
 * Audio only: the first usable Opus audio section is accepted, every other section (video, data channel, a
 * second audio) is answered with port 0.
 *
 * <p>The gateway is an ICE-lite agent with one host candidate and always the DTLS server ({@code a=setup:passive}):
 * the browser, full ICE and controlling, checks our address and opens DTLS to it. The role, once chosen, is kept
 * for the session (RFC 5763 §5: a re-offer's {@code actpass} is answered as before; a {@code passive} re-offer would
 * swap the roles mid-call and is refused).
 *
 * <p>One session's offers come one at a time; not thread-safe. A refused offer changes nothing.
 */
public final class WebRtcAnswerer {

  /**
   * What we ask the browser to send Opus at (RFC 7587: without it the sender picks, and Chromium's 32 kbit/s loses
   * detail that a G.711 trunk would carry on: measured 0.89 → 0.97 correlation at a baresip trunk).
   */
  static final int OPUS_RECEIVE_BITRATE = 96_000;

  /** RFC 8445 §5.1.2.1 host priority for type preference 126, local preference 65535, component 1. */
  static final long HOST_PRIORITY = 2130706431L;

  private final SecureRandom random;
  private final DtlsFingerprint localFingerprint;
  private final String address;
  private final int port;
  private final long originSessionId;
  private long originVersion;
  private IceCredentials localIce;
  private IceCredentials remoteIce;
  private List<DtlsFingerprint> remoteFingerprints;
  private DtlsSetup localSetup;
  private String mid;

  /**
   * @param localFingerprint the fingerprint of the certificate our DTLS server presents
   * @param address          the IP literal the browser reaches us on (our one host candidate)
   * @param port             the UDP port STUN, DTLS and SRTP share on that address
   */
  public WebRtcAnswerer(SecureRandom random, DtlsFingerprint localFingerprint, String address, int port) {
    this.random = Objects.requireNonNull(random, "random");
    this.localFingerprint = Objects.requireNonNull(localFingerprint, "localFingerprint");
    checkHostCandidate(address, port);
    this.address = address;
    this.port = port;
    this.originSessionId = 1 + (random.nextLong() >>> 2);
    this.originVersion = originSessionId;
    this.localIce = IceCredentials.random(random);
  }

  /** Our one host candidate, as {@link WebRtcOfferer} takes it too. */
  static void checkHostCandidate(String address, int port) {
    if (address == null || address.isBlank() || address.contains(" ")) {
      throw new IllegalArgumentException("address must be an IP literal, not '" + address + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, not " + port);
    }
  }

  /**
   * The answerer of a session that began with our own offer ({@link WebRtcOfferer}): the browser's re-offers are
   * answered with the credentials, fingerprints, mid and DTLS role (we are the server: passive) settled then.
   */
  static WebRtcAnswerer continuing(SecureRandom random, DtlsFingerprint localFingerprint, String address, int port,
      long originSessionId, IceCredentials localIce, IceCredentials remoteIce, List<DtlsFingerprint> remoteFingerprints,
      String mid) {
    WebRtcAnswerer a = new WebRtcAnswerer(random, localFingerprint, address, port, originSessionId);
    a.localIce = localIce;
    a.remoteIce = remoteIce;
    a.remoteFingerprints = List.copyOf(remoteFingerprints);
    a.localSetup = DtlsSetup.PASSIVE;
    a.mid = mid;
    return a;
  }

  private WebRtcAnswerer(SecureRandom random, DtlsFingerprint localFingerprint, String address, int port,
      long originSessionId) {
    this.random = random;
    this.localFingerprint = localFingerprint;
    this.address = address;
    this.port = port;
    this.originSessionId = originSessionId;
    this.originVersion = originSessionId;
  }

  /** Our ICE credentials as of the last answer (they change only on an ICE restart). */
  public IceCredentials localIce() {
    return localIce;
  }

  /** @throws WebRtcSdpException with a reason for the page when the offer cannot be answered */
  public WebRtcAnswer answer(String offerSdp) throws WebRtcSdpException {
    return answer(WebRtcOffer.parse(offerSdp));
  }

  public WebRtcAnswer answer(WebRtcOffer offer) throws WebRtcSdpException {
    if (offer.iceLite()) {
      throw new WebRtcSdpException("the offer is ICE-lite (a=ice-lite) and so is the gateway: two lite agents"
          + " never check each other, so no media would flow (RFC 8445 §2.5)");
    }
    OfferedMedia audio = chooseAudio(offer);
    if (!audio.rtcpMux()) {
      throw new WebRtcSdpException("the audio m-line lacks a=rtcp-mux: the gateway takes RTP and RTCP on one port"
          + " only (RFC 5761, RFC 8834 §5.1.1)");
    }
    IceCredentials offeredIce = remoteIce(audio);
    List<DtlsFingerprint> fingerprints = audio.fingerprints();
    if (fingerprints.isEmpty()) {
      throw new WebRtcSdpException("the offer has no a=fingerprint with a SHA hash (session or audio level):"
          + " without one the browser's DTLS certificate cannot be checked");
    }
    if (remoteFingerprints != null && !remoteFingerprints.equals(fingerprints)) {
      throw new WebRtcSdpException("the re-offer changes a=fingerprint: a new DTLS certificate mid-session is not"
          + " supported; start a new session");
    }
    DtlsSetup setup = chooseSetup(audio.setup());
    boolean restart = remoteIce != null && !remoteIce.equals(offeredIce);
    IceCredentials ice = restart ? IceCredentials.random(random) : localIce;

    TelephoneEventFormat events = audio.telephoneEvent().orElse(null);
    Direction direction = audio.direction().mirrored();
    String sdp = write(offer, audio, ice, setup, events, direction, originVersion + 1);

    // nothing above threw: the answer stands, so the session takes it on
    originVersion++;
    localIce = ice;
    remoteIce = offeredIce;
    remoteFingerprints = fingerprints;
    localSetup = setup;
    mid = audio.mid();
    return new WebRtcAnswer(sdp, audio.mid(), audio.opus(), events, direction, ice, offeredIce, fingerprints, restart,
        audio.candidates());
  }

  /** The section kept from before on a re-offer, else the first audio section the gateway can take. */
  private OfferedMedia chooseAudio(WebRtcOffer offer) throws WebRtcSdpException {
    OfferedMedia firstAudio = null;
    for (OfferedMedia m : offer.media()) {
      if (m.isAudio() && firstAudio == null) {
        firstAudio = m;
      }
      if (usable(m) && (mid == null || mid.equals(m.mid()))) {
        return m;
      }
    }
    if (mid != null) {
      throw new WebRtcSdpException("the re-offer has no usable audio m-line with a=mid:" + mid
          + " (removed, stopped or without Opus)");
    }
    if (firstAudio == null) {
      throw new WebRtcSdpException("the offer has no audio m-line; the gateway answers audio calls only");
    }
    if (!firstAudio.isDtlsSrtp()) {
      throw new WebRtcSdpException("the audio m-line is " + firstAudio.protocol()
          + ", not UDP/TLS/RTP/SAVPF: the gateway's WebRTC endpoint speaks DTLS-SRTP only");
    }
    if (firstAudio.stopped()) {
      throw new WebRtcSdpException("the audio m-line has port 0: the browser stopped its audio");
    }
    throw new WebRtcSdpException("the audio m-line offers no opus/48000/2; the browser leg speaks Opus");
  }

  private static boolean usable(OfferedMedia m) {
    return m.isAudio() && m.isDtlsSrtp() && !m.stopped() && m.opus() != null;
  }

  private static IceCredentials remoteIce(OfferedMedia audio) throws WebRtcSdpException {
    if (audio.iceUfrag() == null || audio.icePwd() == null) {
      throw new WebRtcSdpException("the offer has no a=ice-ufrag and a=ice-pwd (session or audio level):"
          + " the browser's connectivity checks cannot be authenticated");
    }
    try {
      return new IceCredentials(audio.iceUfrag(), audio.icePwd());
    } catch (IllegalArgumentException e) {
      throw new WebRtcSdpException("the offer's " + e.getMessage());
    }
  }

  /**
   * Always passive: the gateway is a DTLS server only. A browser offers actpass (RFC 5763 §5); active is fine too,
   * and an absent a=setup means active (RFC 4145 §4).
   */
  private DtlsSetup chooseSetup(DtlsSetup offered) throws WebRtcSdpException {
    DtlsSetup theirs = offered == null ? DtlsSetup.ACTIVE : offered;
    if (theirs == DtlsSetup.ACTPASS || theirs == DtlsSetup.ACTIVE) {
      return DtlsSetup.PASSIVE;
    }
    if (localSetup != null) {
      throw new WebRtcSdpException("the re-offer says a=setup:" + theirs.sdpName() + " but the gateway answered"
          + " a=setup:" + localSetup.sdpName() + " first: the DTLS roles cannot change within a session");
    }
    throw new WebRtcSdpException("the offer says a=setup:" + theirs.sdpName() + "; the gateway is a DTLS server"
        + " only and needs the browser to be active (offer a=setup:actpass)");
  }

  private String write(WebRtcOffer offer, OfferedMedia audio, IceCredentials ice, DtlsSetup setup,
      TelephoneEventFormat events, Direction direction, long version) {
    AnswerWriter w = new AnswerWriter(originSessionId, version, address);
    w.line("a=ice-lite");
    // RFC 8843 §7.3.1: the answer's group holds only the accepted mids, and the audio one is all we accept
    offer.bundleGroupOf(audio.mid()).ifPresent(g -> w.line("a=group:BUNDLE " + audio.mid()));
    for (OfferedMedia m : offer.media()) {
      if (m != audio) {
        w.rejected(m);
        continue;
      }
      int opusPt = audio.opus().payloadType();
      String eventPt = events == null ? "" : " " + events.payloadType();
      w.line("m=audio " + port + " " + audio.protocol() + " " + opusPt + eventPt);
      w.connection();
      if (audio.mid() != null) {
        w.line("a=mid:" + audio.mid());
      }
      w.line("a=ice-ufrag:" + ice.ufrag());
      w.line("a=ice-pwd:" + ice.pwd());
      w.line("a=fingerprint:" + localFingerprint.sdpValue());
      w.line("a=setup:" + setup.sdpName());
      w.line("a=" + direction.sdpName());
      w.line("a=rtcp-mux");
      w.line("a=rtpmap:" + opusPt + " opus/48000/2");
      w.line("a=fmtp:" + opusPt + " minptime=10;useinbandfec=1;maxaveragebitrate=" + OPUS_RECEIVE_BITRATE);
      if (events != null) {
        w.line("a=rtpmap:" + events.payloadType() + " telephone-event/" + events.clockRate());
        w.line("a=fmtp:" + events.payloadType() + " 0-15");
      }
      w.line("a=candidate:1 1 udp " + HOST_PRIORITY + " " + address + " " + port + " typ host");
      w.line("a=end-of-candidates");
    }
    return w.toString();
  }
}
