package io.voicegateway.bench;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.media.codec.AudioEncoder;
import io.voicegateway.media.codec.Codecs;
import io.voicegateway.media.codec.OpusLibrary;
import io.voicegateway.media.codec.OpusSettings;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each codec alone, one 20 ms frame per operation, at the codec's own rate: encode, decode, and for Opus its
 * concealment of a lost frame and the FEC recovery of one. {@code -prof gc} gives the bytes each allocates per
 * frame (the rule: 0). The input is one second of a speech-like signal (two tones gliding in pitch plus
 * noise, so the Opus encoder codes it as voice rather than silence), cycled; the decode benchmarks cycle the
 * same second pre-encoded. {@code OPUS_libopus} fails its set-up if libopus does not load, rather than
 * measure the fallback. {@link #main} times the same operations in the thread's CPU time (steadier than JMH's
 * wall clock on a busy box): {@code java -cp <bench classpath> io.voicegateway.bench.CodecBenchmark [codec…]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
  private static final int FRAMES = 50;

  @Param({"PCMU", "PCMA", "G722", "OPUS_libopus", "OPUS_concentus"})
  public String codec;

  private AudioEncoder encoder;
  private AudioDecoder decoder;
  private short[][] pcm;
  private byte[][] packets;
  private int[] lengths;
  private final byte[] out = new byte[1500];
  private short[] decoded;
  private int samples;
  private int next;

  @Setup
  public void setUp() {
    encoder = encoder(codec);
    decoder = decoder(codec);
    samples = encoder.sampleRate() / 50;
    decoded = new short[samples];
    pcm = speech(encoder.sampleRate(), samples);
    AudioEncoder packer = encoder(codec);
    packets = new byte[FRAMES][];
    lengths = new int[FRAMES];
    for (int i = 0; i < FRAMES; i++) {
      packets[i] = new byte[1500];
      lengths[i] = packer.encode(pcm[i], 0, samples, packets[i], 0);
      if (lengths[i] <= 0) {
        throw new IllegalStateException(codec + " did not encode frame " + i);
      }
    }
  }

  private static AudioEncoder encoder(String codec) {
    return codec.startsWith("OPUS_")
        ? OpusLibrary.encoder(opusKind(codec), OpusSettings.DEFAULT)
        : Codecs.encoder(CodecType.valueOf(codec), null);
  }

  private static AudioDecoder decoder(String codec) {
    return codec.startsWith("OPUS_")
        ? OpusLibrary.decoder(opusKind(codec))
        : Codecs.decoder(CodecType.valueOf(codec), null);
  }

  private static OpusLibrary.Kind opusKind(String codec) {
    OpusLibrary.Kind kind = OpusLibrary.Kind.valueOf(codec.substring(5).toUpperCase(java.util.Locale.ROOT));
    if (kind == OpusLibrary.Kind.LIBOPUS && OpusLibrary.selected().kind() != kind) {
      throw new IllegalStateException("asked for libopus, got " + OpusLibrary.selected().detail());
    }
    return kind;
  }

  /** One second of two gliding harmonics (~120–220 Hz and its 5th) and noise, 20 ms per row. */
  private static short[][] speech(int rate, int samples) {
    Random random = new Random(7);
    short[][] frames = new short[FRAMES][samples];
    double phase = 0;
    for (int f = 0; f < FRAMES; f++) {
      for (int i = 0; i < samples; i++) {
        double t = (f * samples + i) / (double) rate;
        double pitch = 170 + 50 * Math.sin(2 * Math.PI * 1.5 * t);
        phase += 2 * Math.PI * pitch / rate;
        double v = 5000 * Math.sin(phase) + 2500 * Math.sin(3 * phase) + 1200 * Math.sin(7 * phase)
            + 300 * random.nextGaussian();
        frames[f][i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
      }
    }
    return frames;
  }

  private int nextFrame() {
    int i = next;
    next = i + 1 == FRAMES ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public byte[] encode() {
    encoder.encode(pcm[nextFrame()], 0, samples, out, 0);
    return out;
  }

  @Benchmark
  public short[] decode() {
    int i = nextFrame();
    decoder.decode(packets[i], 0, lengths[i], decoded, 0);
    return decoded;
  }

  /**
   * A lost frame: the codec's own concealment (Opus), or nothing for codecs without one (the leg's waveform
   * PLC then runs, measured in {@link LegTickBenchmark}); followed by the next packet, as on the wire.
   */
  @Benchmark
  public short[] lossThenDecode() {
    int i = nextFrame();
    if (decoder.conceal(decoded, 0, samples) < 0) {
      decoded[0] = 0;
    }
    decoder.decode(packets[i], 0, lengths[i], decoded, 0);
    return decoded;
  }

  /** The lost frame recovered from the next packet's in-band FEC (Opus), then that packet decoded. */
  @Benchmark
  public short[] fecThenDecode() {
    int i = nextFrame();
    decoder.decodeFec(packets[i], 0, lengths[i], decoded, 0, samples);
    decoder.decode(packets[i], 0, lengths[i], decoded, 0);
    return decoded;
  }

  /**
   * Thread CPU per operation for each codec given (default: all): after 0.5 s of CPU of warm-up per operation,
   * the median and spread of seven rounds of ~0.2 s of CPU each.
   */
  public static void main(String[] args) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    String[] codecs = args.length > 0 ? args : new String[] {"PCMU", "PCMA", "G722", "OPUS_libopus", "OPUS_concentus"};
    for (String codec : codecs) {
      CodecBenchmark bench = new CodecBenchmark();
      bench.codec = codec;
      bench.setUp();
      Runnable[] ops = {bench::encode, bench::decode, bench::lossThenDecode, bench::fecThenDecode};
      String[] names = {"encode", "decode", "lossThenDecode", "fecThenDecode"};
      StringBuilder line = new StringBuilder(codec);
      for (int o = 0; o < ops.length; o++) {
        long start = threads.getCurrentThreadCpuTime();
        long n = 0;
        while (threads.getCurrentThreadCpuTime() - start < 500_000_000L) {
          ops[o].run();
          n++;
        }
        long perRound = Math.max(1, n * 2 / 5);
        double[] us = new double[7];
        for (int r = 0; r < us.length; r++) {
          long t0 = threads.getCurrentThreadCpuTime();
          for (long i = 0; i < perRound; i++) {
            ops[o].run();
          }
          us[r] = (threads.getCurrentThreadCpuTime() - t0) / 1000.0 / perRound;
        }
        java.util.Arrays.sort(us);
        line.append(String.format(java.util.Locale.ROOT, "  %s %.2f µs (%.2f–%.2f)", names[o], us[3], us[0], us[6]));
      }
      System.out.println(line);
    }
  }
}
