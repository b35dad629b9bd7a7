package io.voicegateway.bench;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.LegConfig;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.LegPipeline;
import io.voicegateway.media.Mixer;
import io.voicegateway.media.MixerCall;
import io.voicegateway.media.MixerLeg;
import io.voicegateway.media.MixerPartition;
import io.voicegateway.media.PipelineSettings;
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
 * One whole call's 20 ms tick (issue 13): every leg of a bridged call takes one RTP packet in, the mixer
 * mixes one frame ({@link Mixer#tick}) and every leg encodes and sends its packet. The incoming packets are
 * encoded once at set-up (one second of a tone per leg, replayed with running sequence numbers and
 * timestamps), so the time is the gateway's own: jitter buffer, decode, in-band DTMF, resample, mix, encode.
 * {@code call} names the legs' codecs joined by "-": {@code PCMA-PCMU}, {@code PCMU-PCMU}, {@code PCMU-PCMU-PCMU}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CallTickBenchmark {
  private static final int RECORDED = 50;

  @Param({"PCMA-PCMU", "PCMU-PCMU", "PCMU-PCMU-PCMU"})
  public String call;

  /** {@code dtmf.method}: "both" (the default) also runs the in-band detector until RFC 4733 events arrive. */
  @Param({"both"})
  public String dtmf;

  private LegMedia[] legs;
  private byte[][][] recorded;
  private int[] recordedLength;
  private final RtpPacket packet = new RtpPacket();
  private Mixer mixer;
  private long frames;
  long sent;

  @Setup
  public void setUp() {
    String[] codecs = call.split("-");
    legs = new LegMedia[codecs.length];
    recorded = new byte[codecs.length][RECORDED][];
    MixerPartition partition = new MixerPartition(0);
    MixerCall mixerCall = new MixerCall("bench");
    for (int i = 0; i < codecs.length; i++) {
      CodecType codec = CodecType.valueOf(codecs[i]);
      legs[i] = leg("leg" + i, codec);
      legs[i].sender((buf, off, len) -> sent += len);
      mixerCall.add(legs[i]);
      recorded[i] = record(codec, 300 + 200 * i);
    }
    partition.add(mixerCall);
    mixer = new Mixer(partition);
  }

  private LegMedia leg(String id, CodecType codec) {
    LegMedia leg = new LegMedia("bench", id, 0);
    leg.start(new LegPipeline(new LegConfig(codec, codec.staticPayloadType(), 101, 20, true, true),
        new PipelineSettings(new OpusSettings(32000, 5), new JitterSettings(40, 200, true, true),
            !"inband".equals(dtmf), "inband".equals(dtmf) || "both".equals(dtmf), 0.5),
        (d, ms, s) -> { }));
    return leg;
  }

  /** One second of a {@code hz} tone as the far end would send it, one packet per 20 ms. */
  private static byte[][] record(CodecType codec, int hz) {
    LegMedia far = new LegMedia("far", "far", 0);
    far.start(new LegPipeline(new LegConfig(codec, codec.staticPayloadType(), 101, 20, true, true),
        new PipelineSettings(new OpusSettings(32000, 5), new JitterSettings(40, 200, true, true), true, false, 0.5),
        (d, ms, s) -> { }));
    byte[][] out = new byte[RECORDED][];
    int[] n = {0};
    far.sender((buf, off, len) -> out[n[0]] = java.util.Arrays.copyOfRange(buf, off, off + len));
    float[] frame = new float[MixerLeg.FRAME];
    for (int f = 0; f < RECORDED; f++) {
      for (int i = 0; i < MixerLeg.FRAME; i++) {
        frame[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * ((long) f * MixerLeg.FRAME + i) / 48000.0));
      }
      n[0] = f;
      far.push(frame);
    }
    return out;
  }

  @Benchmark
  public long callTick() {
    long f = frames++;
    for (int i = 0; i < legs.length; i++) {
      byte[] p = recorded[i][(int) (f % RECORDED)];
      int seq = (int) (f & 0xffff);
      long ts = f * legs[i].pipeline().config().codec().timestampsPer20ms();
      p[2] = (byte) (seq >> 8);
      p[3] = (byte) seq;
      p[4] = (byte) (ts >> 24);
      p[5] = (byte) (ts >> 16);
      p[6] = (byte) (ts >> 8);
      p[7] = (byte) ts;
      packet.parse(p, 0, p.length);
      legs[i].onRtp(packet, f * Mixer.FRAME_NANOS);
    }
    mixer.tick(f * Mixer.FRAME_NANOS);
    return sent;
  }
}
