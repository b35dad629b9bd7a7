package io.voicegateway.bench;

import io.voicegateway.media.LegConfig;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.LegPipeline;
import io.voicegateway.media.MixerLeg;
import io.voicegateway.media.PipelineSettings;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.OpusLibrary;
import io.voicegateway.media.codec.OpusSettings;
import io.voicegateway.media.jitter.JitterSettings;
import io.voicegateway.media.rtp.RtpPacket;
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
 * One leg-tick per codec: 20 ms of 48 kHz audio through a leg's send path (resample, encode, packetise)
 * into a second leg's receive path (jitter buffer, decode, resample to 48 kHz). The time per operation,
 * against the 20 ms budget, bounds the legs one mixer thread can serve.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LegTickBenchmark {
  @Param({"PCMU", "PCMA", "G722", "OPUS"})
  public CodecType codec;

  /** {@code dtmf.method}: "both" (the default) also runs the in-band Goertzel detector on every frame. */
  @Param({"both", "rfc4733"})
  public String dtmf;

  /**
   * The Opus implementation: "libopus" (fails if it cannot load, rather than measure the fallback) or
   * "concentus"; compare with {@code -p codec=OPUS -p opus=libopus,concentus} (each value runs in its own fork).
   */
  @Param({"libopus"})
  public String opus;

  /** The audio sent: "tone" (440 Hz, steady) or "speech" (espeak-ng, ~10 s looped; see {@link BenchSpeech}). */
  @Param({"tone"})
  public String signal;

  private LegMedia sender;
  private LegMedia receiver;
  private final float[] frame = new float[MixerLeg.FRAME];
  private float[] speech; // null: the tone
  private int speechAt;
  private final RtpPacket packet = new RtpPacket();
  private final byte[] wire = new byte[1500];
  private int wireLength;
  private long frames;

  @Setup
  public void setUp() {
    System.setProperty(OpusLibrary.PROPERTY, "concentus".equals(opus) ? "concentus" : "auto");
    if (!OpusLibrary.selected().kind().label().equals(opus)) {
      throw new IllegalStateException("asked for " + opus + ", got " + OpusLibrary.selected().detail());
    }
    int pt = codec == CodecType.OPUS ? 111 : codec.staticPayloadType();
    sender = leg("a", pt);
    receiver = leg("b", pt);
    sender.sender((buf, off, len) -> {
      System.arraycopy(buf, off, wire, 0, len);
      wireLength = len;
    });
    for (int i = 0; i < MixerLeg.FRAME; i++) {
      frame[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 48000.0));
    }
    speech = "speech".equals(signal) ? BenchSpeech.at48k() : null;
  }

  private LegMedia leg(String id, int pt) {
    LegMedia leg = new LegMedia("bench", id, 0);
    leg.start(new LegPipeline(new LegConfig(codec, pt, 101, 20, true, true),
        new PipelineSettings(new OpusSettings(32000, 5), new JitterSettings(40, 200, true, true),
            !"inband".equals(dtmf), "inband".equals(dtmf) || "both".equals(dtmf), 0.5),
        (d, ms, s) -> { }));
    return leg;
  }

  @Benchmark
  public float[] legTick() {
    if (speech != null) {
      if (speechAt + MixerLeg.FRAME > speech.length) {
        speechAt = 0;
      }
      System.arraycopy(speech, speechAt, frame, 0, MixerLeg.FRAME);
      speechAt += MixerLeg.FRAME;
    }
    sender.push(frame);
    packet.parse(wire, 0, wireLength);
    receiver.onRtp(packet, frames++ * 20_000_000L);
    return receiver.pull();
  }
}
