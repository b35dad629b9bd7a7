package io.voicegateway.control;

import io.vertx.core.Future;

/**
 * A call's recording as the media that mixes the call makes it (a stereo WAV file per call): call control decides
 * when ({@code policy.CallRecording}), this carries it out. Failures are {@link CallFailure}s: 404 when the call has
 * no media (or no recording to stop), 409 when it is already being recorded.
 */
public interface Recordings {
  /**
   * Records the call from now on, {@code callerLegId}'s audio on the left and every other leg's on the right: a new
   * file, or the call's paused one goes on. Completes with the file's path.
   */
  Future<String> start(String callId, String callerLegId);

  /** Pauses the call's recording (its file stays open for a later start); completes with the file's path. */
  Future<String> pause(String callId);

  /** The call ended: the last frames are written and the file closed; completes with the file's path. */
  Future<String> finish(String callId);
}
