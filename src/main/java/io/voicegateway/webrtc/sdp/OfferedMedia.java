package io.voicegateway.webrtc.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One m-section of a browser's offer, session-level values already folded in (a media-level {@code a=ice-ufrag},
 * {@code a=fingerprint} or direction overrides the session's). Values the gateway needs are checked only for the
 * m-section it accepts, so a rejected video section missing something does not refuse the call.
 *
 * @param formats      the m-line's format list as written
 * @param mid          {@code a=mid}, null when absent
 * @param iceUfrag     effective {@code a=ice-ufrag}, null when absent
 * @param icePwd       effective {@code a=ice-pwd}, null when absent
 * @param fingerprints effective {@code a=fingerprint}s with a hash we read (several are allowed, RFC 8122 §5)
 * @param setup        effective {@code a=setup}, null when absent
 * @param bundleOnly   {@code a=bundle-only}: port 0 then means "in the bundle", not "stopped" (RFC 8843 §6)
 * @param opus         the first opus/48000/2 payload type in the m-line's order, null when none
 * @param telephoneEvents the offered telephone-event payload types, in the m-line's order
 * @param candidates   parsed {@code a=candidate}s (unused by a lite agent; for diagnostics)
 */
public record OfferedMedia(
    String mediaType,
    int port,
    String protocol,
    List<String> formats,
    String mid,
    String iceUfrag,
    String icePwd,
    List<String> iceOptions,
    List<DtlsFingerprint> fingerprints,
    DtlsSetup setup,
    boolean rtcpMux,
    boolean bundleOnly,
    Direction direction,
    OpusFormat opus,
    List<TelephoneEventFormat> telephoneEvents,
    List<IceCandidate> candidates) {

  public OfferedMedia {
    formats = List.copyOf(formats);
    iceOptions = List.copyOf(iceOptions);
    fingerprints = List.copyOf(fingerprints);
    telephoneEvents = List.copyOf(telephoneEvents);
    candidates = List.copyOf(candidates);
  }

  public boolean isAudio() {
    return "audio".equals(mediaType);
  }

  /** DTLS-SRTP profiles (RFC 5764 §8): the only RTP a browser speaks, and the only one this endpoint accepts. */
  public boolean isDtlsSrtp() {
    return protocol.equals("UDP/TLS/RTP/SAVPF") || protocol.equals("UDP/TLS/RTP/SAVP");
  }

  /** The browser stopped this section (port 0 outside a bundle): it must be answered with port 0 too. */
  public boolean stopped() {
    return port == 0 && !bundleOnly;
  }

  public Optional<OpusFormat> opusFormat() {
    return Optional.ofNullable(opus);
  }

  /** The telephone-event to answer with: the one at Opus's 48 kHz clock (RFC 4733 §2.1), else the first offered. */
  public Optional<TelephoneEventFormat> telephoneEvent() {
    return telephoneEvents.stream().filter(t -> t.clockRate() == 48000).findFirst()
        .or(() -> telephoneEvents.stream().findFirst());
  }
}
