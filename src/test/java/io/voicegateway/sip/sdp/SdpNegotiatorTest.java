package io.voicegateway.sip.sdp;

import static io.voicegateway.codec.CodecType.G722;
import static io.voicegateway.codec.CodecType.OPUS;
import static io.voicegateway.codec.CodecType.PCMA;
import static io.voicegateway.codec.CodecType.PCMU;
import static io.voicegateway.sip.sdp.MediaDirection.INACTIVE;
import static io.voicegateway.sip.sdp.MediaDirection.RECVONLY;
import static io.voicegateway.sip.sdp.MediaDirection.SENDONLY;
import static io.voicegateway.sip.sdp.MediaDirection.SENDRECV;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SdpNegotiatorTest {

  private static final List<CodecType> ALL = List.of(OPUS, G722, PCMU, PCMA);
  private static final SdpNegotiator NEGOTIATOR = new SdpNegotiator(ALL);
  private static final SdpOrigin ORIGIN = new SdpOrigin(4242, 7);

  /** A session with {@code c=IN IP4 192.0.2.10} at session level followed by the given lines. */
  private static String offer(String... lines) {
    StringBuilder sb = new StringBuilder("v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\n")
        .append("c=IN IP4 192.0.2.10\r\nt=0 0\r\n");
    for (String l : lines) {
      sb.append(l).append("\r\n");
    }
    return sb.toString();
  }

  /** One offer and what the answer must say about it. */
  record Case(String name, String offer, CodecType codec, int pt, int dtmfPt, int ptime, MediaDirection local,
      String host, int port) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> offers() {
    return Stream.of(
        new Case("dynamic Opus 109 and telephone-event 96 keep their numbers", offer(
            "m=audio 49170 RTP/AVP 109 0 96",
            "a=rtpmap:109 opus/48000/2", "a=rtpmap:0 PCMU/8000", "a=rtpmap:96 telephone-event/48000"),
            OPUS, 109, 96, 20, SENDRECV, "192.0.2.10", 49170),
        new Case("Opus on 96 with OPUS in capitals", offer(
            "m=audio 4000 RTP/AVP 96 101", "a=rtpmap:96 OPUS/48000/2", "a=rtpmap:101 TELEPHONE-EVENT/8000"),
            OPUS, 96, 101, 20, SENDRECV, "192.0.2.10", 4000),
        new Case("static PTs without rtpmap: our preference G722 over PCMU", offer(
            "m=audio 5004 RTP/AVP 0 8 9"), G722, 9, -1, 20, SENDRECV, "192.0.2.10", 5004),
        new Case("their order does not matter, ours does", offer(
            "m=audio 5004 RTP/AVP 8 0"), PCMU, 0, -1, 20, SENDRECV, "192.0.2.10", 5004),
        new Case("unknown codecs skipped (GSM 3, G729 18)", offer(
            "m=audio 5004 RTP/AVP 3 18 8", "a=rtpmap:18 G729/8000"), PCMA, 8, -1, 20, SENDRECV, "192.0.2.10", 5004),
        new Case("ptime 30", offer(
            "m=audio 5004 RTP/AVP 0", "a=ptime:30"), PCMU, 0, -1, 30, SENDRECV, "192.0.2.10", 5004),
        new Case("ptime 10 at session level", offer(
            "a=ptime:10", "m=audio 5004 RTP/AVP 0"), PCMU, 0, -1, 10, SENDRECV, "192.0.2.10", 5004),
        new Case("sendonly offer (hold) makes us recvonly", offer(
            "m=audio 5004 RTP/AVP 0", "a=sendonly"), PCMU, 0, -1, 20, RECVONLY, "192.0.2.10", 5004),
        new Case("session-level inactive", offer(
            "a=inactive", "m=audio 5004 RTP/AVP 0"), PCMU, 0, -1, 20, INACTIVE, "192.0.2.10", 5004),
        new Case("media-level sendrecv overrides session-level sendonly (resume)", offer(
            "a=sendonly", "m=audio 5004 RTP/AVP 0", "a=sendrecv"), PCMU, 0, -1, 20, SENDRECV, "192.0.2.10", 5004),
        new Case("recvonly offer makes us sendonly", offer(
            "m=audio 5004 RTP/AVP 0", "a=recvonly"), PCMU, 0, -1, 20, SENDONLY, "192.0.2.10", 5004),
        new Case("c=0.0.0.0 at media level is RFC 2543 hold", offer(
            "m=audio 5004 RTP/AVP 0", "c=IN IP4 0.0.0.0"), PCMU, 0, -1, 20, RECVONLY, "0.0.0.0", 5004),
        new Case("media-level c= overrides session-level c=", offer(
            "m=audio 5004 RTP/AVP 0", "c=IN IP4 198.51.100.7"), PCMU, 0, -1, 20, SENDRECV, "198.51.100.7", 5004),
        new Case("first audio stream rejected with port 0, second taken", offer(
            "m=audio 0 RTP/AVP 0", "m=audio 6000 RTP/AVP 8"), PCMA, 8, -1, 20, SENDRECV, "192.0.2.10", 6000),
        new Case("G722 with rtpmap G722/8000 on a static PT", offer(
            "m=audio 5004 RTP/AVP 9 101", "a=rtpmap:9 G722/8000", "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15"), G722, 9, 101, 20, SENDRECV, "192.0.2.10", 5004),
        new Case("telephone-event whose clock matches Opus is preferred", offer(
            "m=audio 5004 RTP/AVP 111 101 110", "a=rtpmap:111 opus/48000/2",
            "a=rtpmap:101 telephone-event/8000", "a=rtpmap:110 telephone-event/48000"),
            OPUS, 111, 110, 20, SENDRECV, "192.0.2.10", 5004));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("offers")
  void answersOffer(Case c) throws Exception {
    NegotiatedMedia m = NEGOTIATOR.answer(c.offer);
    assertEquals(c.codec, m.codec(), "codec");
    assertEquals(c.pt, m.payloadType(), "payload type");
    assertEquals(c.dtmfPt, m.dtmfPayloadType(), "telephone-event payload type");
    assertEquals(c.ptime, m.ptimeMs(), "ptime");
    assertEquals(c.local, m.localDirection(), "our direction");
    assertEquals(c.host, m.remoteHost(), "remote host");
    assertEquals(c.port, m.remotePort(), "remote port");

    // Our answer must itself be SDP that names the same codec on the same payload type.
    String answer = NEGOTIATOR.renderAnswer(m, "203.0.113.5", 30000, ORIGIN);
    NegotiatedMedia back = NEGOTIATOR.acceptAnswer(answer);
    assertEquals(c.codec, back.codec());
    assertEquals(c.pt, back.payloadType());
    assertEquals(c.dtmfPt, back.dtmfPayloadType());
    assertEquals(c.local.reverse(), back.localDirection(), "the offerer reads our direction reversed");
    assertEquals("203.0.113.5", back.remoteHost());
    assertEquals(30000, back.remotePort());
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("no common codec", offer("m=audio 5004 RTP/AVP 3 18", "a=rtpmap:18 G729/8000"), 488),
        Arguments.of("only video", offer("m=video 5006 RTP/AVP 31"), 488),
        Arguments.of("only audio stream has port 0", offer("m=audio 0 RTP/AVP 0"), 488),
        Arguments.of("SRTP profile we do not speak", offer("m=audio 5004 RTP/SAVP 0"), 488),
        Arguments.of("dynamic PT without rtpmap is not Opus", offer("m=audio 5004 RTP/AVP 96"), 488),
        Arguments.of("garbage", "this is not sdp at all", 400),
        Arguments.of("empty", "", 400),
        Arguments.of("no m= line", offer(), 400),
        Arguments.of("no c= anywhere", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n",
            400),
        Arguments.of("c= with an empty address", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 \r\nt=0 0\r\n"
            + "m=audio 5004 RTP/AVP 0\r\n", 400),
        Arguments.of("media c= with an empty address", offer("m=audio 5004 RTP/AVP 0", "c=IN IP4 "), 400),
        Arguments.of("c= address that is no address", offer("m=audio 5004 RTP/AVP 0", "c=IN IP4 a b;c"), 400),
        Arguments.of("non-numeric port", offer("m=audio xyz RTP/AVP 0"), 400),
        Arguments.of("port beyond 65535", offer("m=audio 70000 RTP/AVP 0"), 400),
        Arguments.of("m= line without formats", offer("m=audio 5004 RTP/AVP"), 400),
        Arguments.of("line without type=", offer("m=audio 5004 RTP/AVP 0", "hello"), 400));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("rejected")
  void rejectsOffer(String name, String offer, int status) {
    SdpNegotiationException e = assertThrows(SdpNegotiationException.class, () -> NEGOTIATOR.answer(offer));
    assertEquals(status, e.status(), e.getMessage());
  }

  @Test
  void videoIsDeclinedInPlaceKeepingMLineOrder() throws Exception {
    NegotiatedMedia m = NEGOTIATOR.answer(offer(
        "m=video 5006 RTP/AVP 31 34", "a=rtpmap:31 H261/90000",
        "m=audio 5004 RTP/AVP 0",
        "m=application 5008 UDP/BFCP *"));
    assertEquals(1, m.mediaIndex());
    String answer = NEGOTIATOR.renderAnswer(m, "203.0.113.5", 30000, ORIGIN);
    List<String> mLines = answer.lines().filter(l -> l.startsWith("m=")).toList();
    assertEquals(List.of("m=video 0 RTP/AVP 31 34", "m=audio 30000 RTP/AVP 0", "m=application 0 UDP/BFCP *"),
        mLines);
  }

  @Test
  void rejectedAudioStreamAnsweredWithPortZero() throws Exception {
    NegotiatedMedia m = NEGOTIATOR.answer(offer("m=audio 0 RTP/AVP 0", "m=audio 6000 RTP/AVP 8"));
    String answer = NEGOTIATOR.renderAnswer(m, "203.0.113.5", 30000, ORIGIN);
    assertEquals(List.of("m=audio 0 RTP/AVP 0", "m=audio 30000 RTP/AVP 8"),
        answer.lines().filter(l -> l.startsWith("m=")).toList());
  }

  @Test
  void answerCarriesOnlyTheChosenCodecAndKeepsOpusFmtp() throws Exception {
    NegotiatedMedia m = NEGOTIATOR.answer(offer(
        "m=audio 49170 RTP/AVP 0 109 8 96",
        "a=rtpmap:109 opus/48000/2",
        "a=fmtp:109 maxplaybackrate=16000; useinbandfec=1",
        "a=rtpmap:96 telephone-event/8000",
        "a=fmtp:96 0-15"));
    assertEquals("maxplaybackrate=16000; useinbandfec=1", m.fmtp());
    String answer = NEGOTIATOR.renderAnswer(m, "203.0.113.5", 30000, ORIGIN);
    List<String> lines = answer.lines().toList();
    assertTrue(lines.contains("m=audio 30000 RTP/AVP 109 96"), answer);
    assertTrue(lines.contains("a=rtpmap:109 opus/48000/2"), answer);
    assertTrue(lines.contains("a=fmtp:109 maxplaybackrate=16000; useinbandfec=1"), answer);
    assertTrue(lines.contains("a=rtpmap:96 telephone-event/8000"), answer);
    assertTrue(lines.contains("c=IN IP4 203.0.113.5"), answer);
    assertTrue(lines.contains("o=- 4242 7 IN IP4 203.0.113.5"), answer);
    assertTrue(lines.contains("a=sendrecv"), answer);
    assertFalse(answer.contains("PCMU") || answer.contains("PCMA"), answer);
    assertTrue(answer.endsWith("\r\n") && !answer.replace("\r\n", "").contains("\n"), "CRLF line ends");
  }

  @Test
  void holdThenResumeRenegotiatesFromScratchWithRisingVersion() throws Exception {
    SdpOrigin origin = SdpOrigin.create();
    NegotiatedMedia first = NEGOTIATOR.answer(offer("m=audio 5004 RTP/AVP 0 8"));
    origin = origin.next();
    String a1 = NEGOTIATOR.renderAnswer(first, "203.0.113.5", 30000, origin);

    NegotiatedMedia hold = NEGOTIATOR.answer(offer("m=audio 5004 RTP/AVP 0 8", "a=sendonly"));
    assertTrue(hold.onHold());
    origin = origin.next();
    String a2 = NEGOTIATOR.renderAnswer(hold, "203.0.113.5", 30000, origin);
    assertTrue(a2.contains("a=recvonly"), a2);

    // The re-INVITE that resumes also switches codec: nothing is carried over from before.
    NegotiatedMedia resume = NEGOTIATOR.answer(offer("m=audio 5010 RTP/AVP 96 8", "a=rtpmap:96 opus/48000/2"));
    assertFalse(resume.onHold());
    assertEquals(OPUS, resume.codec());
    assertEquals(5010, resume.remotePort());
    origin = origin.next();
    String a3 = NEGOTIATOR.renderAnswer(resume, "203.0.113.5", 30000, origin);

    assertEquals(List.of(version(a1) + 1, version(a1) + 2), List.of(version(a2), version(a3)));
    assertEquals(sessionId(a1), sessionId(a3), "session id stays for the dialog");
  }

  @Test
  void ourOfferListsEveryPreferredCodecAndRoundTrips() throws Exception {
    String ours = NEGOTIATOR.createOffer("203.0.113.5", 30000, ORIGIN, SENDRECV);
    List<String> lines = ours.lines().toList();
    assertTrue(lines.contains("m=audio 30000 RTP/AVP 111 9 0 8 101"), ours);
    assertTrue(lines.contains("a=rtpmap:111 opus/48000/2"), ours);
    assertTrue(lines.contains("a=fmtp:111 useinbandfec=1"), ours);
    assertTrue(lines.contains("a=rtpmap:101 telephone-event/8000"), ours);
    assertTrue(lines.contains("a=fmtp:101 0-16"), ours);
    assertTrue(lines.contains("a=ptime:20"), ours);

    // A peer preferring PCMA answers our offer; we read its answer back.
    SdpNegotiator peer = new SdpNegotiator(List.of(PCMA, PCMU));
    NegotiatedMedia peerSide = peer.answer(ours);
    assertEquals(PCMA, peerSide.codec());
    assertEquals(101, peerSide.dtmfPayloadType());
    NegotiatedMedia mine = NEGOTIATOR.acceptAnswer(peer.renderAnswer(peerSide, "198.51.100.9", 40000, ORIGIN));
    assertEquals(PCMA, mine.codec());
    assertEquals(8, mine.payloadType());
    assertEquals(101, mine.dtmfPayloadType());
    assertEquals("198.51.100.9", mine.remoteHost());
    assertEquals(40000, mine.remotePort());
    assertEquals(SENDRECV, mine.localDirection());
  }

  @Test
  void holdOfferIsAnsweredRecvonlyAndReadBackAsOurSendonly() throws Exception {
    String ours = NEGOTIATOR.createOffer("203.0.113.5", 30000, ORIGIN, SENDONLY);
    assertTrue(ours.contains("a=sendonly\r\n"), ours);
    NegotiatedMedia peerSide = NEGOTIATOR.answer(ours);
    assertEquals(RECVONLY, peerSide.localDirection());
    NegotiatedMedia mine = NEGOTIATOR.acceptAnswer(NEGOTIATOR.renderAnswer(peerSide, "198.51.100.9", 40000, ORIGIN));
    assertEquals(SENDONLY, mine.localDirection());
    assertTrue(mine.onHold());
  }

  @Test
  void answerRejectingOurAudioIs488() {
    String rejecting = offer("m=audio 0 RTP/AVP 0");
    assertEquals(488, assertThrows(SdpNegotiationException.class, () -> NEGOTIATOR.acceptAnswer(rejecting)).status());
  }

  @Test
  void directionReverse() {
    assertEquals(RECVONLY, SENDONLY.reverse());
    assertEquals(SENDONLY, RECVONLY.reverse());
    assertEquals(SENDRECV, SENDRECV.reverse());
    assertEquals(INACTIVE, INACTIVE.reverse());
    assertEquals("sendonly", SENDONLY.sdpName());
  }

  @Test
  void t38AloneIs488SayingFaxStaysOnG711() {
    String t38 = offer("m=image 49172 udptl t38", "a=T38FaxVersion:0", "a=T38FaxRateManagement:transferredTCF");
    SdpNegotiationException e = assertThrows(SdpNegotiationException.class, () -> NEGOTIATOR.answer(t38));
    assertEquals(488, e.status());
    assertEquals(SdpNegotiator.T38_REFUSED, e.getMessage());
  }

  @Test
  void t38BesideAudioIsDeclinedWithPortZero() throws Exception {
    String both = offer("m=audio 49170 RTP/AVP 0", "m=image 49172 udptl t38", "a=T38FaxVersion:0");
    NegotiatedMedia media = NEGOTIATOR.answer(both);
    assertEquals(PCMU, media.codec());
    String answer = NEGOTIATOR.renderAnswer(media, "192.0.2.1", 40000, ORIGIN);
    assertTrue(answer.contains("m=audio 40000 RTP/AVP 0"), answer);
    assertTrue(answer.contains("m=image 0 udptl t38"), answer);
  }

  private static long version(String sdp) {
    return Long.parseLong(originField(sdp, 2));
  }

  private static long sessionId(String sdp) {
    return Long.parseLong(originField(sdp, 1));
  }

  private static String originField(String sdp, int index) {
    return sdp.lines().filter(l -> l.startsWith("o=")).findFirst().orElseThrow().split(" ")[index];
  }
}
