package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.AudioEncoder;
import io.voicegateway.media.codec.Codecs;
import io.voicegateway.media.codec.G711;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The arrival tap (issue 12's low-latency inbound track): each packet is published the moment it arrives, in order,
 * late and duplicate packets dropped and counted, a gap never waited for, telephone-events not audio, a PCMU payload
 * passed through untouched to a μ-law consumer, any codec decoded and resampled to the consumer's rate.
 */
class ArrivalTapTest {
  private static final String CALL = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final String LEG = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  private static final long SSRC = 0x5eed;

  private final FakeClock clock = new FakeClock();
  private final List<byte[]> published = new ArrayList<>();

  private ArrivalTap tap(int rate, boolean mulaw) {
    return new AudioFeed(CALL, rate, (frame, length) -> published.add(Arrays.copyOf(frame, length)), clock::millis)
        .arrivalTapFor(LEG, mulaw);
  }

  /** 20 ms of PCMU whose every byte is {@code fill}. */
  private static byte[] pcmu(int fill) {
    byte[] payload = new byte[160];
    Arrays.fill(payload, (byte) fill);
    return payload;
  }

  private static void arrive(ArrivalTap tap, int seq, byte[] payload) {
    tap.onPacket(CodecType.PCMU, SSRC, seq, payload, 0, payload.length, true);
  }

  @Test
  void eachPacketIsPublishedAsItArrivesStampedWithItsArrival() {
    ArrivalTap tap = tap(16000, false);
    for (int seq = 0; seq < 3; seq++) {
      clock.advance(Duration.ofMillis(20));
      arrive(tap, seq, pcmu(0x10 + seq));
      assertEquals(seq + 1, published.size(), "published at once, not at a tick");
      byte[] m = published.get(seq);
      assertEquals(16000, FeedFrame.sampleRate(m));
      assertEquals(UUID.fromString(LEG), FeedFrame.legId(m));
      assertEquals(UUID.fromString(CALL), FeedFrame.callId(m));
      assertEquals(seq, FeedFrame.sequence(m));
      assertEquals(clock.millis(), FeedFrame.timestampMs(m));
      assertEquals(320, FeedFrame.samples(m).length, "20 ms at 16 kHz");
    }
    assertEquals(3, tap.published());
  }

  @Test
  void lateAndDuplicatePacketsAreDroppedAndCountedAndAGapIsNotWaitedFor() {
    ArrivalTap tap = tap(8000, true);
    arrive(tap, 100, pcmu(1));
    arrive(tap, 101, pcmu(2));
    arrive(tap, 103, pcmu(4)); // 102 is missing: 103 goes out at once
    assertEquals(3, published.size());
    arrive(tap, 102, pcmu(3)); // late: its place has been played
    arrive(tap, 103, pcmu(4)); // duplicate of the newest
    arrive(tap, 101, pcmu(2)); // duplicate of an older one
    arrive(tap, 104, pcmu(5));
    assertEquals(4, published.size());
    assertEquals(5, published.get(3)[FeedFrame.HEADER]);
    assertEquals(1, tap.late());
    assertEquals(2, tap.duplicates());
    assertEquals(1, tap.skipped());
    arrive(tap, 102, pcmu(3));
    assertEquals(1, tap.late(), "a second copy of a late packet is a duplicate");
    assertEquals(3, tap.duplicates());
  }

  @Test
  void theSequenceWrapsAndANewSourceOrARestartedSequenceStartsAfresh() {
    ArrivalTap tap = tap(8000, true);
    arrive(tap, 65534, pcmu(1));
    arrive(tap, 65535, pcmu(1));
    arrive(tap, 0, pcmu(1));
    arrive(tap, 1, pcmu(1));
    assertEquals(4, published.size(), "in order across the wrap");
    tap.onPacket(CodecType.PCMU, SSRC + 1, 40000, pcmu(1), 0, 160, true);
    assertEquals(5, published.size(), "a new SSRC is a new source");
    arrive(tap, 2, pcmu(1));
    assertEquals(6, published.size(), "back to the first source: new again");
    arrive(tap, 30000, pcmu(1));
    arrive(tap, 30001, pcmu(1));
    assertEquals(8, published.size(), "a jump ahead is a gap, not waited for");
    arrive(tap, 500, pcmu(1));
    assertEquals(8, published.size(), "far behind: dropped once");
    arrive(tap, 501, pcmu(1));
    arrive(tap, 502, pcmu(1));
    assertEquals(10, published.size(), "two in a row there: the sender restarted its sequence");
  }

  @Test
  void telephoneEventsAndComfortNoiseAreNotAudioButKeepTheOrder() {
    MediaEngine engine = TestMediaConfig.engine(42020, 42030);
    engine.openLeg(CALL, LEG, 0);
    LegMedia leg = engine.startLeg(LEG, new LegConfig(CodecType.PCMU, 0, 101, 20, true, true), null, 0);
    AudioFeed feed = new AudioFeed(CALL, 8000, (frame, length) -> published.add(Arrays.copyOf(frame, length)),
        clock::millis);
    assertTrue(engine.startArrivalFeed("vg.test.arrival", feed, engine.firstLeg(CALL), true));
    Rtp rtp = new Rtp();
    leg.onRtp(rtp.packet(0, 7, pcmu(0x55)), 0);
    leg.onRtp(rtp.packet(101, 8, new byte[] {1, 0, 0, (byte) 160}), 0); // RFC 4733: digit 1
    leg.onRtp(rtp.packet(13, 9, new byte[] {40}), 0); // comfort noise
    leg.onRtp(rtp.packet(0, 10, pcmu(0x56)), 0);
    assertEquals(2, published.size(), "only the audio");
    ArrivalTap tap = leg.arrivalTaps()[0];
    assertEquals(0, tap.skipped(), "the event and the comfort noise took their sequence numbers");
    assertEquals(0x56, published.get(1)[FeedFrame.HEADER]);
  }

  @Test
  void aPcmuPayloadReachesAMulawConsumerByteForByte() {
    ArrivalTap tap = tap(8000, true);
    byte[] payload = new byte[160];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 37 + 0x7f); // every code, 0x7f (-0) too, which a decode/encode round trip changes
    }
    byte[] wire = new byte[12 + payload.length + 4];
    System.arraycopy(payload, 0, wire, 12, payload.length);
    tap.onPacket(CodecType.PCMU, SSRC, 1, wire, 12, payload.length, true);
    byte[] m = published.get(0);
    assertArrayEquals(payload, Arrays.copyOfRange(m, FeedFrame.HEADER, m.length));
  }

  @Test
  void aPcmaLegReachesAMulawConsumerTranscoded() {
    ArrivalTap tap = tap(8000, true);
    byte[] alaw = new byte[160];
    Arrays.fill(alaw, G711.alawEncode((short) 8000));
    tap.onPacket(CodecType.PCMA, SSRC, 1, alaw, 0, alaw.length, true);
    byte[] m = published.get(0);
    assertEquals(FeedFrame.HEADER + 160, m.length);
    assertEquals(8000, G711.ulawDecode(m[FeedFrame.HEADER + 100]), 8000 / 16.0);
  }

  /** Speech-like test audio: a sweep through the telephone band under a syllable envelope. */
  private static short[] syllables(int rate, int seconds) {
    short[] s = new short[rate * seconds];
    double phase = 0;
    for (int i = 0; i < s.length; i++) {
      double t = (double) i / rate;
      double hz = 300 + 1500 * (0.5 + 0.5 * Math.sin(2 * Math.PI * 0.7 * t));
      phase += 2 * Math.PI * hz / rate;
      double envelope = Math.max(0, Math.sin(2 * Math.PI * 3 * t));
      s[i] = (short) (9000 * envelope * (Math.sin(phase) + 0.3 * Math.sin(2.7 * phase)));
    }
    return s;
  }

  @ParameterizedTest
  @CsvSource({"PCMU, 16000", "PCMA, 8000", "G722, 8000", "G722, 16000", "OPUS, 16000", "OPUS, 8000"})
  void anyCodecIsDecodedAndResampledToTheConsumersRate(CodecType codec, int rate) {
    AudioEncoder encoder = Codecs.encoder(codec, null);
    int codecRate = encoder.sampleRate();
    short[] sent = syllables(codecRate, 2);
    ArrivalTap tap = tap(rate, false);
    int frame = codecRate / 50;
    byte[] payload = new byte[1500];
    for (int f = 0, seq = 1000; (f + 1) * frame <= sent.length; f++, seq++) {
      int len = encoder.encode(sent, f * frame, frame, payload, 0);
      tap.onPacket(codec, SSRC, seq, payload, 0, len, true);
    }
    assertEquals(sent.length / frame, published.size());
    short[] received = new short[0];
    for (byte[] m : published) {
      assertEquals(rate, FeedFrame.sampleRate(m));
      short[] samples = FeedFrame.samples(m);
      int at = received.length;
      received = Arrays.copyOf(received, at + samples.length);
      System.arraycopy(samples, 0, received, at, samples.length);
    }
    AudioMatch.Result match = AudioMatch.align(AudioMatch.resample(sent, codecRate, rate), received, rate, 100, 20);
    assertTrue(match.medianCorrelation() >= 0.9, codec + " -> " + rate + ": " + match);
  }

  @ParameterizedTest
  @CsvSource({"PCMU, 8000, true", "PCMU, 16000, false", "PCMA, 8000, true", "G722, 16000, false",
      "G722, 8000, true"})
  void steadyStateAllocatesNothingPerPacket(CodecType codec, int rate, boolean mulaw) {
    ArrivalTap tap = new AudioFeed(CALL, rate, (frame, length) -> { }, clock::millis).arrivalTapFor(LEG, mulaw);
    AudioEncoder encoder = Codecs.encoder(codec, null);
    short[] pcm = syllables(encoder.sampleRate(), 1);
    byte[] payload = new byte[1500];
    int len = encoder.encode(pcm, 0, encoder.sampleRate() / 50, payload, 0);
    int[] seq = {0};
    long bytes = Allocations.measure(() -> tap.onPacket(codec, SSRC, seq[0]++ & 0xffff, payload, 0, len, true),
        20_000, 1000);
    assertEquals(0, bytes, codec + " -> " + rate + (mulaw ? " mu-law" : " L16") + ": bytes per 1000 packets");
  }

  /** Builds RTP packets of one source. */
  private static final class Rtp {
    private final io.voicegateway.media.rtp.RtpPacket packet = new io.voicegateway.media.rtp.RtpPacket();

    io.voicegateway.media.rtp.RtpPacket packet(int pt, int seq, byte[] payload) {
      byte[] wire = new byte[12 + payload.length];
      int n = io.voicegateway.media.rtp.RtpPacket.writeHeader(wire, 0, false, pt, seq, seq * 160L, SSRC);
      System.arraycopy(payload, 0, wire, n, payload.length);
      assertTrue(packet.parse(wire, 0, wire.length));
      return packet;
    }
  }
}
