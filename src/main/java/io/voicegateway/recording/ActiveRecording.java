package io.voicegateway.recording;

import io.voicegateway.apps.audio.WavWriter;
import io.voicegateway.media.CallRecorder;
import io.voicegateway.media.FrameRing;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One call's recording being written: the mixer's {@link CallRecorder} on one side of its ring, the file on the
 * other. {@link #drain} and {@link #close} run on the recording worker only (one thread), so the writer needs no
 * lock; the header is rewritten about once a second so a killed gateway leaves a readable file.
 */
final class ActiveRecording {
  static final long FLUSH_EVERY_NANOS = 1_000_000_000L;

  private final CallRecorder recorder;
  private final Path path;
  private volatile WavWriter writer; // set by the worker once the file exists
  private long lastFlushNanos;
  private long droppedSeen;
  private int drainsWithoutCall; // event loop only

  ActiveRecording(CallRecorder recorder, Path path) {
    this.recorder = recorder;
    this.path = path;
  }

  CallRecorder recorder() {
    return recorder;
  }

  Path path() {
    return path;
  }

  /** Worker: creates the file (its header says empty until the first flush). */
  void open(long nowNanos) throws IOException {
    writer = WavWriter.create(path, CallRecorder.SAMPLE_RATE, CallRecorder.CHANNELS);
    lastFlushNanos = nowNanos;
  }

  /** Audio written so far, in milliseconds (any thread: an estimate between drains). */
  long durationMs() {
    WavWriter w = writer;
    return w == null ? 0 : w.durationMs();
  }

  /** Worker: writes every frame the mixer handed off, and the header when a second has passed. */
  void drain(long nowNanos) throws IOException {
    WavWriter w = writer;
    if (w == null) {
      return;
    }
    FrameRing ring = recorder.frames();
    for (short[] frame = ring.peek(); frame != null; frame = ring.peek()) {
      w.write(frame, CallRecorder.FRAME);
      ring.release();
    }
    if (nowNanos - lastFlushNanos >= FLUSH_EVERY_NANOS) {
      w.flush();
      lastFlushNanos = nowNanos;
    }
  }

  /** Event loop, once per drain: whether the call has been gone from the media for {@code limit} drains in a row. */
  boolean orphaned(boolean callGone, int limit) {
    drainsWithoutCall = callGone ? drainsWithoutCall + 1 : 0;
    return drainsWithoutCall >= limit;
  }

  /** Frames the mixer dropped since the last call because the writer was behind. */
  long newlyDropped() {
    long dropped = recorder.frames().dropped();
    long fresh = dropped - droppedSeen;
    droppedSeen = dropped;
    return fresh;
  }

  /** Worker: writes what is left and closes the file (its header final). */
  void close(long nowNanos) throws IOException {
    if (writer == null) {
      return;
    }
    drain(nowNanos);
    writer.close();
  }
}
