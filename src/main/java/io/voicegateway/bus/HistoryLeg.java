package io.voicegateway.bus;

import io.voicegateway.codec.CodecType;

/**
 * One leg of a finished call as the history keeps it.
 *
 * @param kind  on the wire {@code "sip"} or {@code "app"}
 * @param peer  the remote party's URI (SIP leg) or the app's name (app leg)
 * @param codec the negotiated codec, on the wire its configuration name; null when none was negotiated
 */
public record HistoryLeg(LegKind kind, String peer, CodecType codec) {}
