package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the live heap one bridged call's media holds. Builds 200 trunk-to-trunk calls (a PCMA leg and a
 * PCMU leg, RFC 4733 negotiated, both in one {@link MixerCall}), runs half a second of two-way audio through
 * each so every lazily made buffer exists, and subtracts two class histograms taken after a full GC. The
 * figure and the largest classes per call are printed for docs/performance.md; the assertion keeps the
 * budget from creeping back up.
 */
class MemoryPerCallTest {
  private static final int CALLS = 200;
  private static final int FRAMES = 25;
  private static final long FRAME_NANOS = 20_000_000L;
  /**
   * What one call's media may retain (docs/performance.md, "Memory per call"): measured 25.1 KB (55.0 KB before
   * the hand-off, bus and send-buffer cuts) plus margin.
   */
  private static final long BUDGET_BYTES = 32 * 1024;

  @Test
  void aBridgedG711CallRetainsLessThanItsBudget() {
    HeapHistogram before = HeapHistogram.take();
    assumeTrue(before != null, "no HotSpot DiagnosticCommand MBean");
    List<MixerCall> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      calls.add(bridgedCall("call-" + i));
    }
    HeapHistogram after = HeapHistogram.take();
    long perCall = (after.totalBytes() - before.totalBytes()) / CALLS;
    StringBuilder report = new StringBuilder("media heap per bridged PCMA<->PCMU call: " + perCall + " B\n");
    for (HeapHistogram.Entry e : after.minus(before).subList(0, 15)) {
      report.append(String.format("  %8d B  %6.1f instances  %s%n", e.bytes() / CALLS,
          e.instances() / (double) CALLS, e.className()));
    }
    System.out.print(report);
    for (MixerCall call : calls) {
      for (MixerLeg leg : call.legs()) {
        long received = ((LegMedia) leg).receiveStats().received();
        assertTrue(received >= FRAMES - 1, call.callId() + ": every frame's packet arrived, got " + received);
      }
    }
    assertTrue(perCall <= BUDGET_BYTES, report.toString());
  }

  /** Two legs bridged in one mixer call, each receiving real RTP packets for FRAMES frames. */
  private static MixerCall bridgedCall(String callId) {
    LegMedia a = leg(callId, "a", CodecType.PCMA, 8);
    LegMedia b = leg(callId, "b", CodecType.PCMU, 0);
    long[] now = new long[1];
    RtpPacket packet = new RtpPacket();
    // Each leg's far end echoes what it hears (as SIPp -rtp_echo does in bench/sipp), so both legs receive RTP.
    a.sender((buf, off, len) -> deliver(packet, buf, off, len, a, now[0]));
    b.sender((buf, off, len) -> deliver(packet, buf, off, len, b, now[0]));
    MixerCall call = new MixerCall(callId);
    call.add(a);
    call.add(b);
    for (int f = 0; f < FRAMES; f++) {
      now[0] = f * FRAME_NANOS;
      call.mixFrame();
    }
    return call;
  }

  private static void deliver(RtpPacket packet, byte[] buf, int off, int len, LegMedia to, long now) {
    // The mix a leg sends is silence unless someone speaks: fill the payload with varying bytes so decoders, PLC
    // history and resamplers all work on a signal.
    byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
    for (int i = 12; i < copy.length; i++) {
      copy[i] = (byte) (i * 37);
    }
    if (packet.parse(copy, 0, copy.length)) {
      to.onRtp(packet, now);
    }
  }

  private static LegMedia leg(String callId, String legId, CodecType codec, int pt) {
    LegMedia leg = new LegMedia(callId, legId, 0);
    leg.start(new LegPipeline(new LegConfig(codec, pt, 101, 20, true, true), TestMediaConfig.pipeline("rfc4733"),
        (digit, ms, source) -> { }));
    return leg;
  }
}
