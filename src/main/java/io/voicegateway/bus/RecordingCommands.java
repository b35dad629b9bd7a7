package io.voicegateway.bus;

/**
 * Call recording on the bus: the API asks call control ({@link Addresses#CALL_RECORDING}), call control asks the
 * recorder on the media side ({@link Addresses#MEDIA_RECORDING_START}, {@link Addresses#MEDIA_RECORDING_STOP}), and
 * the API asks the history for a finished call's file ({@link Addresses#HISTORY_RECORDING}).
 */
public final class RecordingCommands {
  private RecordingCommands() {}

  /** The API: start ({@code on}) or stop recording a live call. Fails 404 unknown call, 409 already / not recording. */
  public record Record(String callId, boolean on) {}

  /** Call control's answer to {@link Record}: whether the call is recorded now, and into which file. */
  public record Recording(String callId, boolean recording, String path) {}

  /**
   * Call control to the media side: record the call (a new file, or the paused one goes on), the caller's leg on
   * the left. Fails 404 when the call has no media, 409 when it is already being recorded.
   */
  public record Start(String callId, String callerLegId) {}

  /** The media side's answer to {@link Start}: the file, and whether a paused recording went on in it. */
  public record Started(String callId, String path, boolean resumed) {}

  /**
   * Call control to the media side: pause the call's recording, or with {@code finish} end it (the call ended):
   * the last frames are written and the file closed. Fails 404 when the call has no recording.
   */
  public record Stop(String callId, boolean finish) {}

  /** The media side's answer to {@link Stop}: the file and the audio it holds so far. */
  public record Stopped(String callId, String path, long durationMs) {}

  /** The API to the history: the recording file of a finished call. Fails 404 when it has none. */
  public record FileQuery(String callId) {}

  /** The history's answer: where the file is on this node. */
  public record File(String callId, String path) {}
}
