package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.rtp.RtpDrop;
import io.voicegateway.media.rtp.RtpDropCounter;
import io.voicegateway.media.rtp.RtpPacket;
import io.voicegateway.media.rtp.RtpSourceLatch;
import io.voicegateway.media.rtp.RtpTarget;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The receive path of a real leg under a junk flood: random bytes, a foreign payload type and valid-looking RTP
 * from another port are counted by reason and never reach the leg nor move its media; nothing is allocated.
 */
class RtpReceiveGateTest {
  private static final long FRAME = 20_000_000L;
  private static final String HOST = "127.0.0.1";
  private static final int PHONE = 40000;
  private static final int FLOODER = 41000;

  private final long[] drops = new long[RtpDrop.values().length];
  private final long[] changes = new long[1];
  private final RtpDropCounter counter = new RtpDropCounter() {
    @Override
    public void dropped(RtpDrop reason) {
      drops[reason.ordinal()]++;
    }

    @Override
    public void sourceChanged() {
      changes[0]++;
    }
  };
  private final LegMedia leg = new LegMedia("call", "leg", 0);
  private final RtpSourceLatch latch = new RtpSourceLatch(true, 4, 1_000_000_000L, new RtpTarget(HOST, PHONE));
  private final RtpReceiveGate gate = new RtpReceiveGate(leg, latch, counter);
  private final byte[] wire = new byte[RtpPacket.HEADER_LENGTH + 160];

  RtpReceiveGateTest() {
    leg.start(new LegPipeline(new LegConfig(CodecType.PCMU, 0, 101, 20, true, true), TestMediaConfig.pipeline("rfc4733"),
        (digit, ms, source) -> { }));
  }

  /** A PCMU-sized packet of the stream's {@code n}-th 20 ms (sequence and timestamp wrap as on the wire). */
  private int rtp(int pt, int n, long ssrc) {
    RtpPacket.writeHeader(wire, 0, false, pt, n & 0xffff, (n * 160L) & 0xffffffffL, ssrc);
    java.util.Arrays.fill(wire, RtpPacket.HEADER_LENGTH, wire.length, (byte) 0xff);
    return wire.length;
  }

  @Test
  void junkIsCountedByReasonAndNeverMovesTheMedia() {
    Random random = new Random(14);
    byte[] junk = new byte[200];
    int seq = 0;
    long now = 0;
    for (; seq < 10; seq++, now += FRAME) {
      gate.receive(wire, rtp(0, seq, 1), HOST, PHONE, now);
    }
    long received = leg.receiveStats().received();
    assertEquals(7, received, "the first 3 packets are the probation");
    for (int i = 0; i < 300; i++, now += FRAME / 10) {
      random.nextBytes(junk);
      junk[0] = (byte) (junk[0] & 0x3f); // version 0: never RTP
      assertFalse(gate.receive(junk, 20 + random.nextInt(180), HOST, FLOODER, now));
      assertFalse(gate.receive(wire, rtp(8, i, 99), HOST, FLOODER, now), "PCMA was not negotiated");
      assertFalse(gate.receive(wire, rtp(0, i, 99), HOST, FLOODER + 2, now), "valid RTP from a foreign port");
      assertFalse(gate.receive(wire, 5, HOST, FLOODER, now), "too short");
      if (i % 10 == 0) {
        assertTrue(gate.receive(wire, rtp(0, seq++, 1), HOST, PHONE, now), "the phone keeps its audio");
      }
    }
    assertEquals(600, drops[RtpDrop.NOT_RTP.ordinal()]);
    assertEquals(300, drops[RtpDrop.PAYLOAD_TYPE.ordinal()]);
    assertEquals(300, drops[RtpDrop.FOREIGN_SOURCE.ordinal()]);
    assertEquals(3, drops[RtpDrop.LEARNING.ordinal()]);
    assertEquals(received + 30, leg.receiveStats().received(), "only the phone's packets reached the leg");
    assertEquals(new RtpTarget(HOST, PHONE), latch.target());
    assertEquals(0, changes[0]);
  }

  @Test
  void theReceivePathAllocatesNothingPerPacket() {
    int[] seq = {0};
    long[] now = {0};
    byte[] junk = new byte[64];
    new Random(1).nextBytes(junk);
    junk[0] = 0;
    long bytes = Allocations.measure(() -> {
      gate.receive(wire, rtp(0, seq[0]++, 1), HOST, PHONE, now[0]);
      gate.receive(wire, rtp(0, seq[0], 7), HOST, FLOODER, now[0]);
      gate.receive(wire, rtp(9, seq[0], 7), HOST, FLOODER, now[0]);
      gate.receive(junk, junk.length, HOST, FLOODER, now[0]);
      leg.pull(); // one 20 ms frame per packet, as the mixer takes them
      now[0] += FRAME;
    }, 20_000, 100_000);
    // 0 B per datagram; a one-off of a hundred-odd bytes over the whole run (seen once in many runs, from the
    // leg's jitter buffer and decoder, never with junk alone) is not per packet
    assertTrue(bytes < 1024, bytes + " B allocated by 400,000 datagrams through the gate");
    System.out.printf("receive gate: %d B allocated by 400,000 datagrams (%.4f B/datagram)%n", bytes, bytes / 4e5);
  }
}
