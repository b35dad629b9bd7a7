package io.voicegateway.webrtc.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-packet path allocates nothing once warm, measured with the JVM's per-thread allocation counter (the
 * same rule the mixer keeps: 50 packets a second per leg must not feed the garbage collector).
 */
class SrtpAllocationTest {
  private static final int WARM_UP = 20_000;
  private static final int MEASURED = 10_000;

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void protectAndUnprotectAllocateNothingPerPacket(SrtpProfile profile) {
    com.sun.management.ThreadMXBean threads = threadBean();
    SrtpContext sender = SrtpContextTest.context(profile);
    SrtpContext receiver = SrtpContextTest.context(profile);
    byte[] rtp = SrtpContextTest.rtp(0, 0x5eed);
    byte[] rtcp = SrtpContextTest.rtcp(0x5eed);
    int seq = roundTrips(sender, receiver, rtp, rtcp, 0, WARM_UP);
    long rejectedBefore = receiver.authFailures() + receiver.replays();

    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    roundTrips(sender, receiver, rtp, rtcp, seq, MEASURED);
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertEquals(2L * MEASURED, receiver.authFailures() + receiver.replays() - rejectedBefore);

    // A few hundred bytes of slack for the counter's own bookkeeping; one allocation per packet would be 160 000+.
    assertTrue(allocated < 1024, allocated + " bytes allocated over " + MEASURED + " RTP+RTCP round trips");
  }

  /** RTP and RTCP out and back, checking every result; returns the next sequence number. */
  private static int roundTrips(SrtpContext sender, SrtpContext receiver, byte[] rtp, byte[] rtcp, int seq,
                                int count) {
    for (int n = 0; n < count; n++, seq++) {
      rtp[2] = (byte) (seq >>> 8);
      rtp[3] = (byte) seq;
      int len = sender.protectRtp(rtp, 0, SrtpContextTest.RTP_LEN);
      // A forged packet on the way costs no allocation either: it is a result code, not an exception.
      rtp[40] ^= 1;
      assertEquals(SrtpResult.AUTH_FAILED, receiver.unprotectRtp(rtp, 0, len));
      rtp[40] ^= 1;
      assertEquals(SrtpContextTest.RTP_LEN, receiver.unprotectRtp(rtp, 0, len));
      assertEquals(SrtpResult.REPLAYED, receiver.unprotectRtp(rtp, 0, len));
      len = sender.protectRtcp(rtcp, 0, SrtpContextTest.RTCP_LEN);
      assertEquals(SrtpContextTest.RTCP_LEN, receiver.unprotectRtcp(rtcp, 0, len));
    }
    return seq;
  }

  private static com.sun.management.ThreadMXBean threadBean() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
        "per-thread allocation counting is off");
    return threads;
  }
}
