package io.voicegateway.webrtc.sdp;

/**
 * A browser's answer to our {@link WebRtcOfferer offer}, read.
 *
 * @param answer          the session as settled: our and the browser's ICE credentials, its fingerprints, the mid,
 *                        the direction as the gateway sees it (what the ICE responder and the DTLS check need)
 * @param codec           what both sides send: {@code OPUS}, {@code PCMU} or {@code PCMA}
 * @param payloadType     its payload type
 * @param dtmfPayloadType telephone-event's payload type at that codec's clock (else the first answered), or -1
 * @param answerer        answers the browser's later re-offers with the roles and credentials settled here
 */
public record WebRtcAccepted(WebRtcAnswer answer, String codec, int payloadType, int dtmfPayloadType,
    WebRtcAnswerer answerer) {}
