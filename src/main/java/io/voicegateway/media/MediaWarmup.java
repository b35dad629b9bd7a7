package io.voicegateway.media;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.rtp.RtpPacket;

/**
 * Runs a second of audio through a pair of legs per codec at start-up, so class loading, static tables and
 * the first JIT compilations happen before the first call instead of during it: on a cold JVM that first
 * call's mixer ticks and RTP reads were late by hundreds of milliseconds, which its jitter buffer then had to
 * absorb. Costs well under a second of start-up; touches no socket.
 */
public final class MediaWarmup {
  private static final int FRAMES = 50;

  private MediaWarmup() {}

  public static void run(PipelineSettings media) {
    for (CodecType codec : CodecType.values()) {
      warm(codec, media);
    }
  }

  private static void warm(CodecType codec, PipelineSettings media) {
    int pt = codec == CodecType.OPUS ? 111 : codec.staticPayloadType();
    LegMedia from = leg(codec, pt, media);
    LegMedia to = leg(codec, pt, media);
    RtpPacket packet = new RtpPacket();
    byte[] wire = new byte[1500];
    int[] wireLength = new int[1];
    from.sender((buf, off, len) -> {
      System.arraycopy(buf, off, wire, 0, len);
      wireLength[0] = len;
    });
    float[] frame = new float[MixerLeg.FRAME];
    for (int i = 0; i < frame.length; i++) {
      frame[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 48000.0));
    }
    for (int n = 0; n < FRAMES; n++) {
      from.push(frame);
      if (wireLength[0] > 0 && packet.parse(wire, 0, wireLength[0])) {
        to.onRtp(packet, n * 20_000_000L);
      }
      to.pull();
    }
  }

  private static LegMedia leg(CodecType codec, int pt, PipelineSettings media) {
    LegMedia leg = new LegMedia("warmup", "warmup-" + codec.configName(), 0);
    leg.start(new LegPipeline(new LegConfig(codec, pt, 101, 20, true, true), media, (d, ms, s) -> { }));
    return leg;
  }
}
