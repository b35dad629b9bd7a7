package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.G711;
import io.voicegateway.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two real legs in one {@link MixerCall} with its fax switch: after 1.5 s of CED from A, A's G.711 payloads reach
 * B byte for byte, in order, in B's own RTP stream, with a lost packet left a gap and reordering within three
 * packets undone; PCMU against PCMA is announced and stays transcoded.
 */
class FaxPassThroughTest {
  private static final long SSRC = 0x1234_5678L;

  private record Event(String legId, String tone, String mode) {}

  private final List<Event> events = new ArrayList<>();
  private final List<byte[]> toB = new ArrayList<>();
  private final List<byte[]> toA = new ArrayList<>();
  private final RtpPacket parsed = new RtpPacket();
  private final byte[] datagram = new byte[12 + 160];
  private int seq = 40_000;
  private long ts = 77;

  private MixerCall call(CodecType codecA, CodecType codecB) {
    MixerCall call = new MixerCall("call");
    call.fax(new FaxPassThrough(() -> new MediaEvents() {
      @Override
      public void faxDetected(String callId, String legId, String tone, String mode) {
        events.add(new Event(legId, tone, mode));
      }
    }));
    LegMedia a = leg("a", codecA);
    LegMedia b = leg("b", codecB);
    a.sender((buf, off, len) -> toA.add(Arrays.copyOfRange(buf, off, off + len)));
    b.sender((buf, off, len) -> toB.add(Arrays.copyOfRange(buf, off, off + len)));
    call.add(a);
    call.add(b);
    return call;
  }

  private static LegMedia leg(String id, CodecType codec) {
    LegMedia leg = new LegMedia("call", id, 0);
    leg.start(new LegPipeline(new LegConfig(codec, codec.staticPayloadType(), -1, 20, true, true),
        TestMediaConfig.pipeline("rfc4733"), (d, ms, s) -> { }));
    return leg;
  }

  private LegMedia legA(MixerCall call) {
    return (LegMedia) call.legs()[0];
  }

  /** Sends one 20 ms packet with {@code payload} from A's phone, then (with {@code tick}) runs one mixer frame. */
  private void fromA(MixerCall call, byte[] payload, int pt, boolean tick) {
    from(legA(call), call, payload, pt, tick);
  }

  private void from(LegMedia leg, MixerCall call, byte[] payload, int pt, boolean tick) {
    RtpPacket.writeHeader(datagram, 0, false, pt, seq, ts, SSRC);
    System.arraycopy(payload, 0, datagram, 12, 160);
    assertTrue(parsed.parse(datagram, 0, datagram.length));
    assertTrue(leg.onRtp(parsed, 0));
    seq = (seq + 1) & 0xffff;
    ts += 160;
    if (tick) {
      call.mixFrame();
    }
  }

  private static byte[] ced(int packet, boolean alaw) {
    byte[] out = new byte[160];
    for (int i = 0; i < 160; i++) {
      short s = (short) Math.round(6000 * Math.sin(2 * Math.PI * 2100 * (packet * 160 + i) / 8000.0));
      out[i] = alaw ? G711.alawEncode(s) : G711.ulawEncode(s);
    }
    return out;
  }

  private void cedFor(MixerCall call, int packets, boolean alaw, int pt) {
    for (int p = 0; p < packets; p++) {
      fromA(call, ced(p, alaw), pt, true);
    }
  }

  @Test
  void afterCedPayloadsReachTheFarLegUnchangedInItsOwnStream() {
    MixerCall call = call(CodecType.PCMU, CodecType.PCMU);
    cedFor(call, 75, false, 0); // 1.5 s
    assertEquals(List.of(new Event("a", "CED", "passthrough")), events);
    assertEquals("passthrough", legA(call).stats().fax());
    toB.clear();
    Random random = new Random(7);
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      byte[] payload = new byte[160];
      random.nextBytes(payload);
      sent.add(payload);
      fromA(call, payload, 0, true);
    }
    assertEquals(100, toB.size(), "one packet out per packet in, none made up by the mixer");
    long farSsrc = ((LegMedia) call.legs()[1]).packetizer().ssrc();
    int firstSeq = -1;
    long firstTs = -1;
    for (int i = 0; i < 100; i++) {
      assertTrue(parsed.parse(toB.get(i), 0, toB.get(i).length));
      assertEquals(0, parsed.payloadType());
      assertEquals(farSsrc, parsed.ssrc(), "B's own stream");
      if (i == 0) {
        firstSeq = parsed.sequenceNumber();
        firstTs = parsed.timestamp();
      }
      assertEquals((firstSeq + i) & 0xffff, parsed.sequenceNumber());
      assertEquals((firstTs + 160L * i) & 0xffffffffL, parsed.timestamp());
      assertArrayEquals(sent.get(i), Arrays.copyOfRange(toB.get(i), 12, toB.get(i).length), "packet " + i);
    }
  }

  @Test
  void aLostPacketStaysAGapAndReorderingWithinThreeIsUndone() {
    MixerCall call = call(CodecType.PCMA, CodecType.PCMA);
    cedFor(call, 60, true, 8);
    toB.clear();
    byte[][] payloads = new byte[12][160];
    for (int i = 0; i < payloads.length; i++) {
      Arrays.fill(payloads[i], (byte) (i + 1));
    }
    int base = seq;
    long tsBase = ts;
    int[] order = {0, 1, 3, 2, 4, 5, 7, 8, 9, 10, 11}; // 2 and 3 swapped; 6 lost
    for (int k : order) {
      seq = (base + k) & 0xffff;
      ts = tsBase + 160L * k;
      fromA(call, payloads[k], 8, true);
    }
    call.mixFrame();
    assertEquals(11, toB.size());
    int[] seqs = new int[11];
    for (int i = 0; i < 11; i++) {
      assertTrue(parsed.parse(toB.get(i), 0, toB.get(i).length));
      int want = i < 6 ? i : i + 1;
      assertEquals((byte) (want + 1), toB.get(i)[12], "in sequence order, 6 missing");
      seqs[i] = parsed.sequenceNumber();
    }
    for (int i = 1; i < 11; i++) {
      assertEquals(i == 6 ? 2 : 1, (seqs[i] - seqs[i - 1]) & 0xffff, "the far side sees the loss at " + i);
    }
  }

  @Test
  void pcmuAgainstPcmaIsAnnouncedAndStaysTranscoded() {
    MixerCall call = call(CodecType.PCMU, CodecType.PCMA);
    cedFor(call, 60, false, 0);
    assertEquals(List.of(new Event("a", "CED", "transcoding")), events);
    toB.clear();
    byte[] payload = ced(61, false);
    for (int i = 0; i < 20; i++) {
      fromA(call, payload, 0, true);
    }
    assertTrue(toB.size() >= 18, "still mixed and sent");
    assertTrue(parsed.parse(toB.get(toB.size() - 1), 0, toB.get(toB.size() - 1).length));
    assertEquals(8, parsed.payloadType(), "B gets A-law");
    assertNotEquals(Arrays.toString(payload), Arrays.toString(Arrays.copyOfRange(toB.get(toB.size() - 1), 12, 172)));
  }

  @Test
  void speechDoesNotSwitchTheCall() {
    MixerCall call = call(CodecType.PCMU, CodecType.PCMU);
    Random random = new Random(3);
    for (int p = 0; p < 150; p++) {
      byte[] noise = new byte[160];
      random.nextBytes(noise);
      fromA(call, noise, 0, true);
    }
    assertTrue(events.isEmpty());
    assertEquals(null, legA(call).stats().fax());
  }

  @Test
  void aCallThatCarriedTenSecondsOfSpeechIsNoLongerWatchedOnEitherLeg() {
    MixerCall call = call(CodecType.PCMU, CodecType.PCMU);
    double phase = 0;
    for (int p = 0; p < 510; p++) { // 10 s of A talking (FaxWatch.SPEECH_MILLIS) once watched, B silent
      byte[] voice = new byte[160];
      for (int i = 0; i < 160; i++) {
        phase += 2 * Math.PI * (170 + 50 * Math.sin(phase / 700)) / 8000;
        voice[i] = G711.ulawEncode((short) (5000 * Math.sin(phase) + 2500 * Math.sin(3 * phase)));
      }
      fromA(call, voice, 0, true);
    }
    LegMedia b = (LegMedia) call.legs()[1];
    for (int p = 0; p < 75; p++) { // then 1.5 s of CED from B: a conversation, no longer a candidate fax call
      from(b, call, ced(p, false), 0, true);
    }
    assertTrue(events.isEmpty(), "not watched after 10 s of speech: " + events);
    assertEquals(null, b.stats().fax());
  }

  @Test
  void cedFromTheFarLegAfterSomeSpeechIsStillHeard() {
    MixerCall call = call(CodecType.PCMU, CodecType.PCMU);
    Random random = new Random(3);
    for (int p = 0; p < 150; p++) { // 3 s of "hello?" (loud noise) from A
      byte[] noise = new byte[160];
      random.nextBytes(noise);
      fromA(call, noise, 0, true);
    }
    LegMedia b = (LegMedia) call.legs()[1];
    for (int p = 0; p < 75; p++) {
      from(b, call, ced(p, false), 0, true);
    }
    assertEquals(List.of(new Event("b", "CED", "passthrough")), events);
  }

  @Test
  void aCalleeWhosePipelineStartsAfterItJoinedIsWatched() {
    MixerCall call = call(CodecType.PCMU, CodecType.PCMU);
    LegMedia late = new LegMedia("call", "late", 0); // joins at the INVITE, starts at its 200
    late.sender((buf, off, len) -> toB.add(Arrays.copyOfRange(buf, off, off + len)));
    call.replace(call.legs()[1], late);
    for (int i = 0; i < 10; i++) {
      call.mixFrame();
    }
    late.start(new LegPipeline(new LegConfig(CodecType.PCMU, 0, -1, 20, true, true),
        TestMediaConfig.pipeline("rfc4733"), (d, ms, s) -> { }));
    cedFor(call, 60, false, 0);
    assertEquals(List.of(new Event("a", "CED", "passthrough")), events);
  }

  @Test
  void relayingAllocatesNothing() {
    MixerCall call = call(CodecType.PCMU, CodecType.PCMU);
    cedFor(call, 60, false, 0);
    byte[] payload = new byte[160];
    toB.clear();
    LegMedia b = (LegMedia) call.legs()[1];
    b.sender(PacketSender.NONE);
    legA(call).sender(PacketSender.NONE);
    long bytes = Allocations.measure(() -> fromA(call, payload, 0, true), 5_000, 5_000);
    System.out.printf("fax relay: %d B over 5000 packets in and ticks%n", bytes);
    // For docs/performance.md: thread CPU of one packet in + one frame, relayed here against mixed (printed only).
    MixerCall mixed = call(CodecType.PCMU, CodecType.PCMU);
    ((LegMedia) mixed.legs()[0]).sender(PacketSender.NONE);
    ((LegMedia) mixed.legs()[1]).sender(PacketSender.NONE);
    System.out.printf("fax relay: %.2f us thread CPU per packet+frame relayed, %.2f us mixed (G.711, 2 legs)%n",
        cpuMicros(() -> fromA(call, payload, 0, true)), cpuMicros(() -> fromA(mixed, payload, 0, true)));
    assertEquals(0, bytes / 5_000, "per packet and tick (a one-off of a few hundred bytes from the JIT is not per frame)");
  }

  private static double cpuMicros(Runnable frame) {
    java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 20_000; i++) {
      frame.run();
    }
    long before = bean.getCurrentThreadCpuTime();
    for (int i = 0; i < 50_000; i++) {
      frame.run();
    }
    return (bean.getCurrentThreadCpuTime() - before) / 50_000 / 1000.0;
  }
}
