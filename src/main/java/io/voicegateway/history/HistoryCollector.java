package io.voicegateway.history;

import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryLeg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds the call events of each call (start, answer, the IVR's steps, end with its reason) and the latest snapshot of its legs
 * into one {@link HistoryEntry}, handed out when the call ends. Pure and single-threaded: the history verticle
 * feeds it on its event loop.
 */
public final class HistoryCollector {
  /** What is known of a call still in progress. */
  private static final class Open {
    final CallEvent first;
    long answeredAt;
    List<HistoryLeg> legs = List.of();
    final List<String> ivrPath = new ArrayList<>();
    String recording;
    long recordingMs;
    long recordingSince; // 0 while not recording

    Open(CallEvent first) {
      this.first = first;
    }

    void stopRecording(long atMs) {
      if (recordingSince != 0) {
        recordingMs += Math.max(0, atMs - recordingSince);
        recordingSince = 0;
      }
    }
  }

  private final Map<String, Open> open = new HashMap<>();

  /** Takes one event; returns the finished call on CALL_TERMINATED. */
  public Optional<HistoryEntry> onEvent(CallEvent e) {
    switch (e.type()) {
      case CALL_STARTED -> open.putIfAbsent(e.callId(), new Open(e));
      case CALL_CONNECTED -> {
        Open call = open.computeIfAbsent(e.callId(), id -> new Open(e));
        if (call.answeredAt == 0) {
          call.answeredAt = e.timestampMs();
        }
      }
      case RECORDING_STARTED -> {
        Open call = open.computeIfAbsent(e.callId(), id -> new Open(e));
        call.recording = call.recording == null ? e.reason() : call.recording; // a resumed recording: same file
        call.recordingSince = call.recordingSince == 0 ? e.timestampMs() : call.recordingSince;
      }
      case RECORDING_STOPPED -> {
        Open call = open.get(e.callId()); // the stop that follows the call's end finds it written already
        if (call != null) {
          call.stopRecording(e.timestampMs());
        }
      }
      case CALL_TERMINATED -> {
        Open call = open.remove(e.callId());
        if (call == null) {
          call = new Open(e); // started before we listened: the end is all we know
        }
        call.stopRecording(e.timestampMs());
        long duration = call.answeredAt == 0 ? 0 : Math.max(0, e.timestampMs() - call.answeredAt);
        CallEvent first = call.first;
        return Optional.of(new HistoryEntry(e.callId(),
            first.direction(), first.from(), first.to(),
            first.sipCallId(), first.timestampMs(), call.answeredAt, e.timestampMs(), duration, e.reason(),
            call.legs, call.ivrPath, call.recording, call.recordingMs));
      }
      case IVR_STEP -> open.computeIfAbsent(e.callId(), id -> new Open(e)).ivrPath.add(e.reason());
      default -> open.computeIfAbsent(e.callId(), id -> new Open(e));
    }
    return Optional.empty();
  }

  /** The call's legs as last seen (a later snapshot replaces an earlier one); ignored once the call ended. */
  public void legs(String callId, List<HistoryLeg> legs) {
    Open call = open.get(callId);
    if (call != null && !legs.isEmpty()) {
      call.legs = List.copyOf(legs);
    }
  }

  /** Calls in progress. */
  public int openCalls() {
    return open.size();
  }
}
