package io.voicegateway.webrtc.sdp;

/** An offered {@code telephone-event} payload type (RFC 4733) and its clock rate (Chromium offers 48000 and 8000). */
public record TelephoneEventFormat(int payloadType, int clockRate) {
}
