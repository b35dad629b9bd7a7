package io.voicegateway.apps.voicemail;

import io.voicegateway.apps.audio.WavRepair;
import io.voicegateway.apps.audio.WavWriter;
import io.voicegateway.media.MixerLeg;
import io.voicegateway.media.resample.Resampler;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The worker side of one message: drains the {@link FrameRing}, measures each frame's level, downsamples 48 kHz to
 * 16 kHz mono and appends PCM16 to the WAV, flushing the header about once a second so a killed gateway leaves a
 * playable file. Blocking file I/O: run it on a worker, one call at a time. Buffers are made once.
 */
final class MessageRecorder implements Closeable {
  static final int RATE = 16_000;
  /** 20 ms frames between header flushes: one second. */
  private static final int FLUSH_EVERY = 50;
  /**
   * A frame quieter than this (RMS, full scale 1.0) is silence: about −40 dBFS, above a phone's comfort noise and
   * line hiss, well below speech, which rarely drops under −30 dBFS while someone talks.
   */
  static final double SILENCE_RMS = 0.01;
  private static final int OUT_PER_FRAME = MixerLeg.FRAME * RATE / 48_000;

  private final WavWriter writer;
  private final Resampler resampler = new Resampler(48_000, RATE);
  private final float[] out = new float[resampler.maxOutput(MixerLeg.FRAME)];
  private final short[] pcm = new short[out.length];
  private long frames;
  private long silentFrames;
  private long sinceFlush;

  private MessageRecorder(WavWriter writer) {
    this.writer = writer;
  }

  static MessageRecorder create(Path file) throws IOException {
    return new MessageRecorder(WavWriter.create(file, RATE, 1));
  }

  /** Where the ring stands after a drain: frames recorded and the run of silent frames at their end. */
  record Progress(long frames, long silentFrames) {
    long durationMs() {
      return frames * 20;
    }
  }

  /** Writes every frame waiting in {@code ring}, up to {@code maxFrames} in all; frames past that are let go. */
  Progress drain(FrameRing ring, long maxFrames) throws IOException {
    float[] frame;
    while ((frame = ring.peek()) != null) {
      if (frames >= maxFrames) {
        ring.release();
        continue;
      }
      silentFrames = rms(frame) < SILENCE_RMS ? silentFrames + 1 : 0;
      int n = resampler.process(frame, MixerLeg.FRAME, out);
      ring.release();
      for (int i = 0; i < n; i++) {
        float s = Math.max(-1f, Math.min(1f, out[i]));
        pcm[i] = (short) Math.round(s * Short.MAX_VALUE);
      }
      writer.write(pcm, n);
      frames++;
      if (++sinceFlush >= FLUSH_EVERY) {
        writer.flush();
        sinceFlush = 0;
      }
    }
    return new Progress(frames, silentFrames);
  }

  private static double rms(float[] frame) {
    double sum = 0;
    for (float s : frame) {
      sum += s * s;
    }
    return Math.sqrt(sum / frame.length);
  }

  Path path() {
    return writer.path();
  }

  /**
   * Closes the file; with {@code trimSilence} the silent run at its end is cut (a message ended by silence keeps
   * a quarter second of it). Returns the file's length in ms.
   */
  long close(boolean trimSilence) throws IOException {
    writer.close();
    if (!trimSilence || silentFrames <= 12) {
      return writer.durationMs();
    }
    long keepFrames = frames - silentFrames + 12;
    long keepSamples = Math.min(writer.frames(), keepFrames * OUT_PER_FRAME);
    try (RandomAccessFile file = new RandomAccessFile(writer.path().toFile(), "rw")) {
      file.setLength(44 + keepSamples * 2);
    }
    WavRepair.repair(writer.path());
    return keepSamples * 1000 / RATE;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
