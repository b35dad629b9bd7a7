package io.voicegateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Strict RTP learning from a table: each row is a stream of packets on a fake clock (milliseconds), the verdict
 * each packet must get, and where media goes at the end. Learning takes 4 packets; silence is 1 s.
 */
class RtpSourceLatchTest {
  private static final RtpTarget SDP = new RtpTarget("127.0.0.1", 40000);
  private static final RtpTarget PHONE = new RtpTarget("127.0.0.1", 51234);
  private static final RtpTarget FLOODER = new RtpTarget("127.0.0.1", 52222);
  private static final RtpTarget MOVED = new RtpTarget("10.0.0.7", 51234);
  private static final long MS = 1_000_000L;

  /** One packet: when, from where, which stream and sequence; what it must get (null = taken). */
  record P(long ms, RtpTarget from, long ssrc, int seq, RtpDrop expected) {}

  /** {@code n} packets 20 ms apart from {@code from}, starting at {@code ms} and {@code seq}. */
  private static List<P> run(long ms, RtpTarget from, long ssrc, int seq, int n, RtpDrop... verdicts) {
    List<P> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new P(ms + 20L * i, from, ssrc, (seq + i) & 0xffff, i < verdicts.length ? verdicts[i] : null));
    }
    return out;
  }

  /** {@code n} packets that must all get {@code verdict}. */
  private static List<P> every(long ms, RtpTarget from, long ssrc, int seq, int n, RtpDrop verdict) {
    RtpDrop[] verdicts = new RtpDrop[n];
    java.util.Arrays.fill(verdicts, verdict);
    return run(ms, from, ssrc, seq, n, verdicts);
  }

  @SafeVarargs
  private static List<P> seq(List<P>... parts) {
    List<P> out = new ArrayList<>();
    for (List<P> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  private static final RtpDrop L = RtpDrop.LEARNING;
  private static final RtpDrop F = RtpDrop.FOREIGN_SOURCE;

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("learns after 4 in a row, then takes every packet",
            run(0, PHONE, 1, 100, 10, L, L, L), PHONE, 0),
        Arguments.of("a foreign source is dropped while the learnt one keeps sending",
            seq(run(0, PHONE, 1, 100, 4, L, L, L), interleave(run(80, PHONE, 1, 104, 100),
                every(81, FLOODER, 9, 1, 100, F))),
            PHONE, 0),
        Arguments.of("the same SSRC from another port is foreign too",
            seq(run(0, PHONE, 1, 100, 4, L, L, L), every(100, FLOODER, 1, 104, 3, F)), PHONE, 0),
        Arguments.of("a source that goes silent for 1 s is replaced by one that passes the test",
            seq(run(0, PHONE, 1, 100, 4, L, L, L), run(1080, MOVED, 1, 104, 6, L, L, L)), MOVED, 1),
        Arguments.of("silent for less than 1 s: not replaced",
            seq(run(0, PHONE, 1, 100, 4, L, L, L), every(900, MOVED, 1, 104, 6, F)), PHONE, 0),
        Arguments.of("an SSRC change restarts the count",
            seq(run(0, PHONE, 1, 100, 3, L, L, L), run(60, PHONE, 2, 500, 4, L, L, L)), PHONE, 0),
        Arguments.of("a sequence jump restarts the count",
            seq(run(0, PHONE, 1, 100, 2, L, L), run(40, PHONE, 1, 5000, 4, L, L, L)), PHONE, 0),
        Arguments.of("a few lost packets do not restart the count",
            seq(run(0, PHONE, 1, 100, 2, L, L), run(40, PHONE, 1, 105, 2, L, null)), PHONE, 0),
        Arguments.of("duplicates and late packets neither count nor restart",
            seq(run(0, PHONE, 1, 100, 2, L, L), run(40, PHONE, 1, 101, 1, L), run(60, PHONE, 1, 100, 1, L),
                run(80, PHONE, 1, 102, 2, L, null)), PHONE, 0),
        Arguments.of("a new SSRC from the learnt address is taken at once (the phone restarted its stream)",
            seq(run(0, PHONE, 1, 100, 4, L, L, L), run(80, PHONE, 77, 9000, 2, null, null)), PHONE, 0),
        Arguments.of("a flooder on another port does not keep the phone from being learnt",
            interleave(run(0, PHONE, 1, 100, 6, L, L, L, null), run(1, FLOODER, 5, 1, 6, L, L, L, F, F, F)),
            PHONE, 0),
        Arguments.of("the SDP address outranks a learnt source without waiting for silence",
            seq(run(0, FLOODER, 5, 1, 4, L, L, L), interleave(run(80, FLOODER, 5, 5, 4),
                run(81, SDP, 1, 100, 4, L, L, L, null))), SDP, 1),
        Arguments.of("after the SDP source is learnt the flooder is foreign",
            seq(run(0, SDP, 1, 100, 4, L, L, L), every(100, FLOODER, 5, 1, 4, F)), SDP, 0));
  }

  /** Two runs merged in time order. */
  private static List<P> interleave(List<P> a, List<P> b) {
    List<P> out = seq(a, b);
    out.sort(java.util.Comparator.comparingLong(P::ms));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void learnsStrictly(String name, List<P> packets, RtpTarget finalTarget, long sourceChanges) {
    RtpSourceLatch latch = new RtpSourceLatch(true, 4, 1000 * MS, SDP);
    for (int i = 0; i < packets.size(); i++) {
      P p = packets.get(i);
      assertEquals(p.expected(), latch.onPacket(p.from().host(), p.from().port(), p.ssrc(), p.seq(), p.ms() * MS),
          name + ": packet " + i + " " + p);
    }
    assertEquals(finalTarget, latch.target(), name);
    assertEquals(sourceChanges, latch.sourceChanges(), name);
  }

  @Test
  void sendsToTheSdpAddressUntilASourceIsLearnt() {
    RtpSourceLatch latch = new RtpSourceLatch(true, 4, 1000 * MS, SDP);
    for (int i = 0; i < 3; i++) {
      latch.onPacket(PHONE.host(), PHONE.port(), 1, i, i * 20 * MS);
      assertEquals(SDP, latch.target());
      assertFalse(latch.latched());
    }
    latch.onPacket(PHONE.host(), PHONE.port(), 1, 3, 60 * MS);
    assertTrue(latch.latched());
    assertEquals(PHONE, latch.target());
  }

  @Test
  void withoutSymmetricRtpMediaGoesToTheSdpAddressButSourcesAreStillFiltered() {
    RtpSourceLatch latch = new RtpSourceLatch(false, 4, 1000 * MS, SDP);
    for (int i = 0; i < 4; i++) {
      latch.onPacket(PHONE.host(), PHONE.port(), 1, i, i * 20 * MS);
    }
    assertEquals(SDP, latch.target());
    assertEquals(RtpDrop.FOREIGN_SOURCE, latch.onPacket(FLOODER.host(), FLOODER.port(), 1, 4, 100 * MS));
  }

  @Test
  void oneLearningPacketLatchesOnTheFirst() {
    RtpSourceLatch latch = new RtpSourceLatch(true, 1, 1000 * MS, SDP);
    assertEquals(null, latch.onPacket(PHONE.host(), PHONE.port(), 1, 0, 0));
    assertEquals(PHONE, latch.target());
  }

  @Test
  void aNewSdpAddressIsLearntAfresh() {
    RtpSourceLatch latch = new RtpSourceLatch(true, 4, 1000 * MS, SDP);
    for (int i = 0; i < 4; i++) {
      latch.onPacket(PHONE.host(), PHONE.port(), 1, i, i * 20 * MS);
    }
    latch.sdpAddress(SDP);
    assertTrue(latch.latched(), "the same address (hold, resume) keeps what was learnt");
    latch.sdpAddress(MOVED);
    assertFalse(latch.latched());
    assertEquals(MOVED, latch.target());
    assertEquals(RtpDrop.LEARNING, latch.onPacket(PHONE.host(), PHONE.port(), 1, 4, 100 * MS));
  }

  @Test
  void rtcpIsTakenOnlyFromTheLearntHostOnceLearnt() {
    RtpSourceLatch latch = new RtpSourceLatch(true, 4, 1000 * MS, SDP);
    assertTrue(latch.acceptsRtcpFrom("10.9.9.9"), "before learning, anyone");
    for (int i = 0; i < 4; i++) {
      latch.onPacket(PHONE.host(), PHONE.port(), 1, i, i * 20 * MS);
    }
    assertTrue(latch.acceptsRtcpFrom(PHONE.host()));
    assertFalse(latch.acceptsRtcpFrom("10.9.9.9"));
  }
}
