package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.rtp.RtpPacket;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PCMU→PCMU and PCMA→PCMA through the whole gateway path (RTP in, jitter buffer, decode, mixer, encode, RTP out)
 * come out byte for byte as they went in (issue 13): the 8 kHz bus hands the far leg the caller's frame itself, with
 * no resampler and no soft clip in between, and G.711's decode → encode is exact for every code word but
 * μ-law's negative zero (0x7F, which encodes back as 0xFF), so the payloads use every other code word.
 */
class G711RelayTest {
  private static final int FRAMES = 200;

  private static LegMedia leg(String id, CodecType codec) {
    LegMedia leg = new LegMedia("relay", id, 0);
    leg.start(new LegPipeline(new LegConfig(codec, codec.staticPayloadType(), 101, 20, true, true),
        TestMediaConfig.pipeline("rfc4733"), (d, ms, s) -> { }));
    return leg;
  }

  @ParameterizedTest
  @EnumSource(value = CodecType.class, names = {"PCMU", "PCMA"})
  void sameCodecCallRelaysPayloadsByteForByte(CodecType codec) {
    LegMedia caller = leg("caller", codec);
    LegMedia callee = leg("callee", codec);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    callee.sender((buf, off, len) -> out.write(buf, off + RtpPacket.HEADER_LENGTH, len - RtpPacket.HEADER_LENGTH));
    caller.sender((buf, off, len) -> { });
    MixerPartition partition = new MixerPartition(0);
    MixerCall call = new MixerCall("relay");
    call.add(caller);
    call.add(callee);
    partition.add(call);
    Mixer mixer = new Mixer(partition);

    Random random = new Random(13);
    byte[] sent = new byte[FRAMES * 160];
    for (int i = 0; i < sent.length; i++) {
      byte b;
      do {
        b = (byte) random.nextInt(256);
      } while (codec == CodecType.PCMU && b == 0x7F);
      sent[i] = b;
    }
    byte[] wire = new byte[RtpPacket.HEADER_LENGTH + 160];
    RtpPacket packet = new RtpPacket();
    for (int f = 0; f < FRAMES + 10; f++) {
      long now = f * Mixer.FRAME_NANOS;
      if (f < FRAMES) {
        RtpPacket.writeHeader(wire, 0, f == 0, codec.staticPayloadType(), f, f * 160L, 0x1234);
        System.arraycopy(sent, f * 160, wire, RtpPacket.HEADER_LENGTH, 160);
        assertTrue(packet.parse(wire, 0, wire.length));
        assertTrue(caller.onRtp(packet, now));
      }
      mixer.tick(now);
    }
    assertEquals(8000, call.busRate());
    byte[] received = out.toByteArray();
    byte[] firstFrame = Arrays.copyOf(sent, 160);
    int start = indexOf(received, firstFrame);
    assertTrue(start >= 0, "the first frame came out unchanged");
    // Up to the last packet: when the stream stops, the jitter buffer blends that packet's tail into its
    // concealment, which is the receiver's business, not the mixer's.
    int n = Math.min(sent.length - 160, received.length - start);
    assertTrue(n >= (FRAMES - 5) * 160, "most of the stream came out: " + n);
    assertArrayEquals(Arrays.copyOf(sent, n), Arrays.copyOfRange(received, start, start + n),
        codec + " relayed byte for byte");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
