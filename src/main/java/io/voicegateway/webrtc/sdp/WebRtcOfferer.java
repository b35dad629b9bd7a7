package io.voicegateway.webrtc.sdp;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The gateway's own WebRTC offer, for a call <em>to</em> a browser phone (JsSIP or SIP.js registered over SIP over
 * WebSocket), and the reading of the browser's answer to it.
 *
 * <p>The offer keeps the roles of a browser-made call: the gateway is an ICE-lite agent with one host candidate (so
 * the browser, a full agent, is controlling and sends the checks) and offers {@code a=setup:actpass} so that the
 * browser answers {@code active} (RFC 5763 §5) and the gateway stays the DTLS server it is. An answer saying
 * {@code passive} would make the browser the server, which the gateway's DTLS side does not do: it is refused with
 * that reason. Opus at 48 kHz with in-band FEC comes first, PCMU and PCMA after it (the browser picks the first it
 * has, so Opus), and telephone-event at both clocks.
 *
 * <p>Once the answer is taken, {@link WebRtcAccepted#answerer()} carries the session on: the browser's later
 * re-offers (hold, ICE restart) are answered with the roles and credentials settled here. One offer per instance;
 * not thread-safe.
 */
public final class WebRtcOfferer {
  static final int OPUS_PT = 111;
  static final int PCMU_PT = 0;
  static final int PCMA_PT = 8;
  static final int EVENT_48K_PT = 110;
  static final int EVENT_8K_PT = 126;
  /** The audio section's mid and our BUNDLE group: one section, so one name. */
  static final String MID = "0";

  private final SecureRandom random;
  private final DtlsFingerprint localFingerprint;
  private final String address;
  private final int port;
  private final long originSessionId;
  private final IceCredentials localIce;
  private boolean accepted;

  /**
   * @param localFingerprint the fingerprint of the certificate our DTLS server presents
   * @param address          the IP literal the browser reaches us on (our one host candidate)
   * @param port             the UDP port STUN, DTLS and SRTP share on that address
   */
  public WebRtcOfferer(SecureRandom random, DtlsFingerprint localFingerprint, String address, int port) {
    this.random = Objects.requireNonNull(random, "random");
    this.localFingerprint = Objects.requireNonNull(localFingerprint, "localFingerprint");
    WebRtcAnswerer.checkHostCandidate(address, port);
    this.address = address;
    this.port = port;
    this.originSessionId = 1 + (random.nextLong() >>> 2);
    this.localIce = IceCredentials.random(random);
  }

  public IceCredentials localIce() {
    return localIce;
  }

  /** Our offer (the same text each time it is asked for). */
  public String offer() {
    AnswerWriter w = new AnswerWriter(originSessionId, originSessionId, address);
    w.line("a=ice-lite");
    w.line("a=group:BUNDLE " + MID);
    w.line("m=audio " + port + " UDP/TLS/RTP/SAVPF " + OPUS_PT + " " + PCMU_PT + " " + PCMA_PT + " " + EVENT_48K_PT
        + " " + EVENT_8K_PT);
    w.connection();
    w.line("a=mid:" + MID);
    w.line("a=ice-ufrag:" + localIce.ufrag());
    w.line("a=ice-pwd:" + localIce.pwd());
    w.line("a=fingerprint:" + localFingerprint.sdpValue());
    w.line("a=setup:" + DtlsSetup.ACTPASS.sdpName());
    w.line("a=sendrecv");
    w.line("a=rtcp-mux");
    w.line("a=rtpmap:" + OPUS_PT + " opus/48000/2");
    w.line("a=fmtp:" + OPUS_PT + " minptime=10;useinbandfec=1;maxaveragebitrate="
        + WebRtcAnswerer.OPUS_RECEIVE_BITRATE);
    w.line("a=rtpmap:" + PCMU_PT + " PCMU/8000");
    w.line("a=rtpmap:" + PCMA_PT + " PCMA/8000");
    w.line("a=rtpmap:" + EVENT_48K_PT + " telephone-event/48000");
    w.line("a=fmtp:" + EVENT_48K_PT + " 0-15");
    w.line("a=rtpmap:" + EVENT_8K_PT + " telephone-event/8000");
    w.line("a=fmtp:" + EVENT_8K_PT + " 0-15");
    w.line("a=candidate:1 1 udp " + WebRtcAnswerer.HOST_PRIORITY + " " + address + " " + port + " typ host");
    w.line("a=end-of-candidates");
    return w.toString();
  }

  /**
   * Reads the browser's answer to {@link #offer()}.
   *
   * @throws WebRtcSdpException with the reason the leg ends: an answer that does not parse, declines audio, makes
   *                            the browser the DTLS server ({@code passive}), lacks ICE credentials, a fingerprint or
   *                            rtcp-mux, is ICE-lite itself, or picks no codec we offered
   */
  public WebRtcAccepted accept(String answerSdp) throws WebRtcSdpException {
    if (accepted) {
      throw new WebRtcSdpException("the offer was answered already");
    }
    WebRtcOffer answer = WebRtcOffer.parse(answerSdp);
    if (answer.iceLite()) {
      throw new WebRtcSdpException("the answer is ICE-lite (a=ice-lite) and so is the gateway: nobody would check");
    }
    OfferedMedia audio = answer.media().stream().filter(OfferedMedia::isAudio).findFirst()
        .orElseThrow(() -> new WebRtcSdpException("the answer has no audio m-line"));
    if (audio.stopped()) {
      throw new WebRtcSdpException("the answer declines the audio (port 0)");
    }
    if (!audio.isDtlsSrtp()) {
      throw new WebRtcSdpException("the answer's audio is " + audio.protocol() + ", not UDP/TLS/RTP/SAVPF");
    }
    if (!audio.rtcpMux()) {
      throw new WebRtcSdpException("the answer lacks a=rtcp-mux: the gateway takes RTP and RTCP on one port only");
    }
    if (audio.iceUfrag() == null || audio.icePwd() == null) {
      throw new WebRtcSdpException("the answer has no a=ice-ufrag and a=ice-pwd: its checks cannot be verified");
    }
    IceCredentials remoteIce;
    try {
      remoteIce = new IceCredentials(audio.iceUfrag(), audio.icePwd());
    } catch (IllegalArgumentException e) {
      throw new WebRtcSdpException("the answer's " + e.getMessage());
    }
    if (audio.fingerprints().isEmpty()) {
      throw new WebRtcSdpException("the answer has no a=fingerprint with a SHA hash: its DTLS certificate cannot be"
          + " checked");
    }
    checkSetup(audio.setup());
    AnsweredCodec codec = codec(audio);
    TelephoneEventFormat events = audio.telephoneEvents().stream()
        .filter(t -> t.clockRate() == codec.clockRate()).findFirst()
        .or(() -> audio.telephoneEvents().stream().findFirst()).orElse(null);
    Direction direction = audio.direction().mirrored();
    String mid = audio.mid() == null ? MID : audio.mid();
    WebRtcAnswer settled = new WebRtcAnswer(answerSdp, mid, audio.opus(), events, direction, localIce, remoteIce,
        audio.fingerprints(), false, audio.candidates());
    WebRtcAnswerer answerer = WebRtcAnswerer.continuing(random, localFingerprint, address, port, originSessionId,
        localIce, remoteIce, audio.fingerprints(), mid);
    accepted = true;
    return new WebRtcAccepted(settled, codec.name(), codec.payloadType(),
        events == null ? -1 : events.payloadType(), answerer);
  }

  /**
   * RFC 4145 §4: no a=setup in an answer means active. actpass is no answer (RFC 5763 §5) and holdconn would never
   * start DTLS: both are refused like passive.
   */
  private static void checkSetup(DtlsSetup setup) throws WebRtcSdpException {
    DtlsSetup theirs = setup == null ? DtlsSetup.ACTIVE : setup;
    if (theirs == DtlsSetup.PASSIVE) {
      throw new WebRtcSdpException("the answer says a=setup:passive: the browser would be the DTLS server, and the"
          + " gateway is a DTLS server only (it offered actpass for the browser to be active)");
    }
    if (theirs != DtlsSetup.ACTIVE) {
      throw new WebRtcSdpException("the answer says a=setup:" + theirs.sdpName() + "; an answer must say active"
          + " (RFC 5763 §5)");
    }
  }

  /** The first of the answer's formats that we offered: the codec both sides send. */
  private static AnsweredCodec codec(OfferedMedia audio) throws WebRtcSdpException {
    for (String f : audio.formats()) {
      if (audio.opus() != null && f.equals(Integer.toString(audio.opus().payloadType()))) {
        return new AnsweredCodec("OPUS", audio.opus().payloadType(), 48000);
      }
      if (f.equals(Integer.toString(PCMU_PT))) {
        return new AnsweredCodec("PCMU", PCMU_PT, 8000);
      }
      if (f.equals(Integer.toString(PCMA_PT))) {
        return new AnsweredCodec("PCMA", PCMA_PT, 8000);
      }
    }
    throw new WebRtcSdpException("the answer picks none of the offered codecs (opus, PCMU, PCMA): "
        + audio.formats());
  }

  private record AnsweredCodec(String name, int payloadType, int clockRate) {}
}
