package io.voicegateway.bus;

import java.util.List;

/**
 * The back channel of a call's audio feed (issue 12): a consumer (a Twilio-Media-Streams WebSocket, or a bridge
 * client) plays audio into a call. A playback is a leg of the call's mixer without a socket, heard by every other
 * party like any leg (so a bot can talk with two humans). Audio is sent as Buffers of PCM16 little-endian mono
 * at the playback's rate, of any length, to {@link Addresses#playback(String)}; the media side re-frames it to
 * 20 ms, resamples it and queues it. Served by {@code transport}; failures carry an HTTP status (404 no such call
 * or playback, 409 playback id in use, 400 bad rate).
 */
public final class PlaybackCommands {
  private PlaybackCommands() {}

  /**
   * Opens playback {@code playbackId} in call {@code callId}.
   *
   * @param sampleRate   8000, 16000, 24000 or 48000: the rate of the PCM16 sent to it
   * @param maxQueuedMs  the most audio queued before the oldest is dropped (and counted)
   */
  public record Open(String callId, String playbackId, int sampleRate, int maxQueuedMs) {}

  public record Opened(String callId, String playbackId) {}

  /**
   * Queues a mark behind the audio sent so far: {@link MarkPlayed} is published once everything before it has been
   * played (at once when nothing is queued).
   */
  public record Mark(String playbackId, String name) {}

  /** Drops everything queued at once (barge-in); the reply names the marks that were pending, in order. */
  public record Clear(String playbackId) {}

  public record Cleared(String playbackId, List<String> pendingMarks) {}

  /** Closes the playback: its leg leaves the mixer, queued audio is dropped. */
  public record Close(String playbackId) {}

  /** Published on {@link Addresses#PLAYBACK_EVENTS} when a mark's audio has been played. */
  public record MarkPlayed(String callId, String playbackId, String name) {}

  /**
   * Counters of one playback, in the reply to {@link Close} and on {@link Addresses#PLAYBACK_EVENTS} when it ends
   * with its call.
   */
  public record Closed(String callId, String playbackId, long framesPlayed, long framesDropped) {}
}
