package io.voicegateway.bus;

import java.util.List;

/**
 * One finished call. Times are epoch milliseconds.
 *
 * @param direction  inbound or outbound; null when the history saw only the call's end
 * @param answeredAt when the call was answered (CALL_CONNECTED), or 0 when it never was
 * @param durationMs connected time: {@code endedAt - answeredAt}, 0 for an unanswered call
 * @param cause      why it ended, as CALL_TERMINATED said (e.g. "remote BYE", "cancelled", "rtp timeout")
 * @param ivrPath    the steps the caller took through an IVR (its IVR_STEP events' reasons), empty without one
 * @param recording  the call's recording file (a path on the gateway's node), or null when it was not recorded
 * @param recordingMs how long the recording ran (its stretches between RECORDING_STARTED and RECORDING_STOPPED)
 */
public record HistoryEntry(String id, CallDirection direction, String from, String to, String sipCallId, long startedAt,
    long answeredAt, long endedAt, long durationMs, String cause, List<HistoryLeg> legs, List<String> ivrPath,
    String recording, long recordingMs) {

  public HistoryEntry {
    legs = List.copyOf(legs == null ? List.of() : legs);
    ivrPath = List.copyOf(ivrPath == null ? List.of() : ivrPath);
  }

  /** A call that went through no IVR and was not recorded. */
  public HistoryEntry(String id, CallDirection direction, String from, String to, String sipCallId, long startedAt,
      long answeredAt, long endedAt, long durationMs, String cause, List<HistoryLeg> legs) {
    this(id, direction, from, to, sipCallId, startedAt, answeredAt, endedAt, durationMs, cause, legs, List.of(), null, 0);
  }
}
