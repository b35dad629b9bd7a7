package io.voicegateway.webrtc.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The gateway's answer to one offer, and what it agreed to: what the ICE responder, the DTLS server and the
 * Opus leg need to start (or, on a re-offer, to carry on).
 *
 * @param sdp                the answer to send to the browser
 * @param mid                the accepted audio section's mid, null when the offer had none
 * @param opus               the browser's Opus payload type (we send with it too) and its receive preferences
 * @param telephoneEvent     the RFC 4733 payload type both sides use, null when the browser offered none
 * @param direction          the accepted section's direction as the gateway sees it (the offer's, mirrored)
 * @param localIce           our ufrag/pwd: the STUN responder checks the browser's checks against these
 * @param remoteIce          the browser's ufrag/pwd: they sign our STUN responses' username half and its requests
 * @param remoteFingerprints what the browser's DTLS certificate must hash to
 * @param iceRestart         the browser changed its ufrag/pwd (RFC 8445 §9): ours changed too; consent starts over
 * @param remoteCandidates   the browser's candidates, unused by a lite agent
 */
public record WebRtcAnswer(
    String sdp,
    String mid,
    OpusFormat opus,
    TelephoneEventFormat telephoneEvent,
    Direction direction,
    IceCredentials localIce,
    IceCredentials remoteIce,
    List<DtlsFingerprint> remoteFingerprints,
    boolean iceRestart,
    List<IceCandidate> remoteCandidates) {

  public WebRtcAnswer {
    remoteFingerprints = List.copyOf(remoteFingerprints);
    remoteCandidates = List.copyOf(remoteCandidates);
  }

  public Optional<TelephoneEventFormat> telephoneEventFormat() {
    return Optional.ofNullable(telephoneEvent);
  }
}
