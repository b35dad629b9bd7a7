package io.voicegateway.sip.sdp;

import io.voicegateway.codec.CodecType;
import java.util.List;
import java.util.Locale;

/**
 * Offers from WebRTC phones (JsSIP and the like over SIP over WebSocket): their audio is DTLS-SRTP over ICE
 * ({@code UDP/TLS/RTP/SAVPF}), which the plain RTP negotiation refuses, so the media side answers them
 * ({@code vg.media.webrtc.open}) and this class only tells them apart and turns that answer into the leg's
 * {@link NegotiatedMedia} (Opus, the answered payload types, the offer's direction reversed).
 */
public final class WebRtcSdp {
  /** The profile browsers offer (RFC 5764 with ICE); {@code RTP/SAVPF} is what some older stacks write. */
  private static final List<String> PROFILES = List.of("UDP/TLS/RTP/SAVPF", "UDP/TLS/RTP/SAVP", "RTP/SAVPF");
  private static final String OPUS_FMTP = "useinbandfec=1";

  private WebRtcSdp() {}

  /**
   * True when the first live audio stream of {@code sdp} is DTLS-SRTP: a browser's offer. An SDP that does not
   * parse is no WebRTC offer (the plain negotiation then answers it 400).
   */
  public static boolean isWebRtc(String sdp) {
    if (sdp == null) {
      return false;
    }
    try {
      for (SdpStream s : SdpReader.read(sdp)) {
        if (s.isAudio() && s.port() != 0) {
          return PROFILES.contains(s.protocol().toUpperCase(Locale.ROOT));
        }
      }
    } catch (SdpNegotiationException e) {
      return false;
    }
    return false;
  }

  /**
   * True when a dialled destination is a WebRTC phone: its binding came over SIP over WebSocket ({@code ws} or
   * {@code wss} in the Request-URI the registrar gave it), so it can take only a DTLS-SRTP offer.
   */
  public static boolean wantsWebRtc(String requestUri) {
    String uri = requestUri == null ? "" : requestUri.toLowerCase(Locale.ROOT);
    return uri.contains(";transport=ws;") || uri.endsWith(";transport=ws") || uri.contains(";transport=wss");
  }

  /**
   * The leg's media after the media side answered {@code offer} with Opus at {@code payloadType} (and
   * telephone-event at {@code dtmfPayloadType}, or -1): no remote address, since the leg sends where ICE
   * nominated.
   *
   * @throws SdpNegotiationException 400 when the offer does not parse or has no live audio stream
   */
  public static NegotiatedMedia negotiated(String offer, int payloadType, int dtmfPayloadType)
      throws SdpNegotiationException {
    return negotiated(offer, CodecType.OPUS, payloadType, dtmfPayloadType);
  }

  /**
   * As {@link #negotiated(String, int, int)} for the other way round: {@code sdp} is a WebRTC phone's answer to our
   * offer, and the media side read {@code codec} from it (a browser answers Opus, PCMU or PCMA from our offer).
   */
  public static NegotiatedMedia negotiated(String sdp, CodecType codec, int payloadType, int dtmfPayloadType)
      throws SdpNegotiationException {
    List<SdpStream> streams = SdpReader.read(sdp);
    for (int i = 0; i < streams.size(); i++) {
      SdpStream s = streams.get(i);
      if (s.isAudio() && s.port() != 0) {
        Rtpmap dtmf = dtmfPayloadType < 0 ? null : s.rtpmaps().get(dtmfPayloadType);
        int dtmfClock = dtmfPayloadType < 0 ? 0 : dtmf == null ? 8000 : dtmf.clockRate();
        // the media side answered every other m-line itself (BUNDLE); none is ours to write
        return new NegotiatedMedia(codec, payloadType, dtmfPayloadType, dtmfClock,
            s.ptimeMs() > 0 ? s.ptimeMs() : SdpNegotiator.DEFAULT_PTIME_MS, null, 0, s.direction().reverse(),
            codec == CodecType.OPUS ? OPUS_FMTP : "", i, List.of());
      }
    }
    throw new SdpNegotiationException(SdpNegotiationException.BAD_REQUEST, "no live audio stream offered");
  }
}
