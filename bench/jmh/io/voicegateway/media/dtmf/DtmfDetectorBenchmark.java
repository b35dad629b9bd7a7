package io.voicegateway.media.dtmf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-band DTMF detector alone: one 20 ms frame at 8 kHz (160 samples, as the mixer tick feeds it) per operation,
 * cycling through a few seconds of audio. {@code speech}: SIPp's stock A-law pcap decoded (the audio of the
 * bridged-call load, pauses included); {@code silence}: digital zero; {@code tone}: key presses of 160 ms with 40 ms
 * pauses at -10 dBm0, every digit in turn (the full fit runs on most blocks); {@code music}: the synthetic piano of
 * the false-detection tests. Run with {@code -prof gc} (0 B per frame). {@link #main} times the same in thread CPU.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DtmfDetectorBenchmark {
  static final int FRAME = 160;

  @Param({"speech", "silence", "tone", "music"})
  public String audio;

  private short[] pcm;
  private GoertzelDetector detector;
  private int at;
  private int presses;

  @Setup
  public void setUp() throws IOException {
    pcm = audio(audio);
    detector = new GoertzelDetector(8000, 0.5, (digit, ms, source) -> presses++);
  }

  static short[] audio(String kind) throws IOException {
    short[] pcm = switch (kind) {
      case "speech" -> SippSpeech.pcm();
      case "silence" -> new short[8000];
      case "tone" -> {
        Signals s = new Signals(8000);
        for (char digit : "123A456B789C*0#D".toCharArray()) {
          s.tone(digit, 160, -10, 0).silence(40);
        }
        yield s.pcm();
      }
      case "music" -> MusicSynth.generate(8000, 10, 42);
      default -> throw new IllegalArgumentException("audio: speech, silence, tone or music, not " + kind);
    };
    return Arrays.copyOf(pcm, pcm.length / FRAME * FRAME); // whole frames, so every operation is one frame
  }

  @Benchmark
  public int frame() {
    detector.process(pcm, at, FRAME);
    at += FRAME;
    if (at == pcm.length) {
      at = 0;
    }
    return presses;
  }

  /**
   * Thread CPU per frame, median of ten rounds, for each audio.
   * usage: {@code java -cp <bench classpath> io.voicegateway.media.dtmf.DtmfDetectorBenchmark [audio…]}
   */
  public static void main(String[] args) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String kind : args.length > 0 ? args : new String[] {"speech", "silence", "tone", "music"}) {
      DtmfDetectorBenchmark bench = new DtmfDetectorBenchmark();
      bench.audio = kind;
      bench.setUp();
      for (int i = 0; i < 200_000; i++) {
        bench.frame();
      }
      double[] perFrame = new double[10];
      for (int r = 0; r < perFrame.length; r++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 50_000; i++) {
          bench.frame();
        }
        perFrame[r] = (threads.getCurrentThreadCpuTime() - start) / 50_000.0;
      }
      Arrays.sort(perFrame);
      System.out.printf(Locale.ROOT, "%-8s CPU per 20 ms frame: median %.0f ns (min %.0f, max %.0f), %d presses%n",
          kind, (perFrame[4] + perFrame[5]) / 2, perFrame[0], perFrame[9], bench.presses);
    }
  }
}
