package io.voicegateway.bus;

/**
 * One leg of a finished call as the history keeps it.
 *
 * @param kind  "sip" or "app"
 * @param peer  the remote party's URI (SIP leg) or the app's name (app leg)
 * @param codec the codec's configuration name, or null when none was negotiated
 */
public record HistoryLeg(String kind, String peer, String codec) {}
