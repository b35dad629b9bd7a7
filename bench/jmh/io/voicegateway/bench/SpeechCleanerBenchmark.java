package io.voicegateway.bench;

import io.voicegateway.config.StreamingConfig.Cleaning;
import io.voicegateway.config.StreamingConfig.NoiseSuppression;
import io.voicegateway.stream.SpeechCleaner;
import io.voicegateway.stream.SpeechCleaners;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 20 ms frame of a stream's inbound track through WebRTC's audio processing (noise suppression, optionally
 * AGC2): the CPU one cleaned stream costs per frame, i.e. per leg every 20 ms. The input is a 440 Hz tone in white
 * noise so the suppressor works as it does on a call. {@code -prof gc} shows what the JNI binding allocates on the
 * Java heap per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpeechCleanerBenchmark {
  @Param({"8000", "16000"})
  public int rate;

  @Param({"HIGH"})
  public NoiseSuppression level;

  @Param({"false", "true"})
  public boolean normalize;

  private SpeechCleaner cleaner;
  private short[] source;
  private short[] frame;

  @Setup
  public void setUp() {
    cleaner = SpeechCleaners.APM.open(new Cleaning(level, normalize), rate);
    if (cleaner == SpeechCleaner.NONE) {
      throw new IllegalStateException("the audio-processing natives did not load (libpulse0?)");
    }
    Random random = new Random(1);
    source = new short[rate / 50];
    for (int i = 0; i < source.length; i++) {
      source[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / rate) + 2000 * random.nextGaussian());
    }
    frame = new short[source.length];
  }

  @TearDown
  public void tearDown() {
    cleaner.close();
  }

  @Benchmark
  public short[] cleanOneFrame() {
    System.arraycopy(source, 0, frame, 0, frame.length);
    cleaner.clean(frame, frame.length);
    return frame;
  }
}
