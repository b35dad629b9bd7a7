package io.voicegateway.bus;

import java.util.Map;

/**
 * Browser calls over WebRTC (issue 11), in two groups.
 *
 * <p><b>Media</b> (served by {@code transport}): a browser leg's one UDP port carries ICE-lite, DTLS and SRTP.
 * {@link MediaOffer} opens it from the browser's SDP offer and answers ours; the leg then starts, moves and closes
 * with the ordinary {@link MediaCommands.LegStart} (codec OPUS, the answered payload types, no remote address: the
 * ICE-nominated address is used), {@link MediaCommands.LegMove} and {@link MediaCommands.LegClose}. A session not
 * yet in a call is opened under the call id {@link #sessionCallId}; linking it moves it. {@link MediaState} is
 * published when its transport is up or gone.
 *
 * <p><b>Signalling</b> (served by the browser leg kind on call control's context; asked by {@code http} for the
 * dashboard's WebSocket): an {@code owner} names one authenticated WebSocket connection (random, made by
 * {@code http}), so that whatever a page set up ends when its socket closes ({@link PhoneGone}). Failures carry an
 * HTTP status: 400 bad SDP or request, 403 wrong device password or not the owner's, 404 unknown session or call,
 * 409 out of order (link before offer, a second link, a session id in use), 503 no port.
 */
public final class WebRtcCommands {
  private WebRtcCommands() {}

  /** The call id a browser session's media is opened under until it is linked into a call. */
  public static String sessionCallId(String sessionId) {
    return "webrtc-session:" + sessionId;
  }

  // ---- media -------------------------------------------------------------------------------------------------

  /** Opens a browser leg's media from its SDP offer: parse, bind one UDP port, answer (ICE-lite, DTLS passive). */
  public record MediaOffer(String callId, String legId, String sdp) {}

  /**
   * The gateway's SDP answer and what it negotiated.
   *
   * @param port            the one UDP port (BUNDLE, rtcp-mux)
   * @param payloadType     Opus's payload type in the answer
   * @param dtmfPayloadType telephone-event's payload type, or -1 when the offer had none
   */
  public record MediaAnswer(String legId, int port, String sdp, int payloadType, int dtmfPayloadType) {}

  /** A re-offer on an open browser leg (renegotiation, ICE restart); answered with a {@link MediaAnswer}. */
  public record MediaReoffer(String callId, String legId, String sdp) {}

  /**
   * Opens a browser leg for a call <em>to</em> a WebRTC phone (one registered over SIP over WebSocket): bind one UDP
   * port and make our offer (ICE-lite, {@code a=setup:actpass}, Opus/PCMU/PCMA); answered with {@link OwnOffer}.
   */
  public record OfferRequest(String callId, String legId) {}

  /** Our offer for the leg of an {@link OfferRequest}, on its one UDP {@code port}. */
  public record OwnOffer(String legId, int port, String sdp) {}

  /** The phone's answer to an {@link OwnOffer}: gives the leg the browser's ICE credentials and fingerprint. */
  public record PeerAnswer(String callId, String legId, String sdp) {}

  /**
   * What a {@link PeerAnswer} settled.
   *
   * @param codec           {@code OPUS}, {@code PCMU} or {@code PCMA}
   * @param dtmfPayloadType telephone-event's payload type, or -1 when the answer had none
   */
  public record AnswerAccepted(String legId, String codec, int payloadType, int dtmfPayloadType) {}

  /** What became of a browser leg's transport. */
  public enum TransportState {
    /** ICE checked and nominated, DTLS done, SRTP keyed: audio can flow. */
    CONNECTED,
    /** The DTLS handshake failed or was refused (a certificate not matching the offer's fingerprint, no use_srtp). */
    FAILED,
    /** Consent freshness expired (RFC 7675): no valid STUN check for 30 s, the browser is gone. */
    CONSENT_LOST
  }

  /** Published on {@link Addresses#MEDIA_WEBRTC_EVENTS}: {@code reason} says why for FAILED/CONSENT_LOST. */
  public record MediaState(String callId, String legId, TransportState state, String reason) {}

  // ---- signalling (dashboard phone) ---------------------------------------------------------------------------

  /** A page logs its phone in as a configured device, so routes that {@code ring} the device ring it too. */
  public record PhoneRegister(String owner, String device, String password) {}

  public record PhoneRegistered(String owner, String device) {}

  /** Step 1: a pending call to {@code number}, with no browser leg yet; answered with its id. */
  public record PhoneCall(String owner, String number, Map<String, String> headers) {}

  public record PhoneCallCreated(String callId) {}

  /** Step 2: the page's SDP offer for a new session, answered with the gateway's SDP. */
  public record SessionOffer(String owner, String sessionId, String sdp) {}

  public record SessionAnswer(String sessionId, String sdp) {}

  /**
   * Step 3: wire session {@code sessionId} into call {@code callId} as its browser leg: for a pending call of step 1
   * the leg is the caller and the call is routed; for a call ringing this phone ({@link PhoneEvent} INCOMING) it is
   * the answer.
   */
  public record SessionLink(String owner, String sessionId, String callId) {}

  public record SessionLinked(String sessionId, String callId) {}

  /** The page closes a session it no longer wants (a linked one leaves its call). */
  public record SessionClose(String owner, String sessionId) {}

  /** The page declines a call ringing it (486 for this branch only). */
  public record PhoneDecline(String owner, String callId) {}

  /** The socket of {@code owner} closed: its sessions, pending calls and phone registration end. */
  public record PhoneGone(String owner) {}

  /** What a phone is told, sent to {@link Addresses#phone(String)}. */
  public enum PhoneEventType {
    /** A call rings this phone: answer with steps 2 and 3 naming {@code callId}, or {@link PhoneDecline}. */
    INCOMING,
    /** A call that rang this phone stopped ringing it (the caller gave up, or another device answered). */
    CANCELLED,
    /** This phone's leg of a call ended from the gateway's side ({@code reason}: consent lost, DTLS failed, …). */
    ENDED
  }

  public record PhoneEvent(PhoneEventType type, String callId, String from, String to, String reason) {}
}
