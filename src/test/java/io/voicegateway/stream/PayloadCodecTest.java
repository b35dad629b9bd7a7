package io.voicegateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.StreamingConfig.Encoding;
import io.voicegateway.media.codec.G711;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {
  private static short[] tone(int rate, int n, int offset, double hz) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * (offset + i) / rate));
    }
    return s;
  }

  private static double correlation(double[] a, double[] b, int from, int to) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = from; i < to; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  @Test
  void sixteenKilohertzFeedBecomesTwilioMulawAt8k() {
    PayloadCodec codec = new PayloadCodec(Encoding.MULAW_8000, 16000);
    double[] got = new double[8000];
    double[] want = new double[8000];
    for (int f = 0; f < 50; f++) {
      int bytes = codec.encode(tone(16000, 320, f * 320, 440), 320);
      assertEquals(160, bytes, "20 ms at 8 kHz, one byte a sample");
      for (int i = 0; i < 160; i++) {
        got[f * 160 + i] = G711.ulawDecode(codec.payload()[i]);
      }
    }
    short[] reference = tone(8000, 8000, 0, 440);
    int delay = 0;
    double best = -1;
    for (int d = 0; d < 40; d++) {
      for (int i = 0; i + d < 8000; i++) {
        want[i + d] = reference[i];
      }
      double c = correlation(got, want, 400, 7600);
      if (c > best) {
        best = c;
        delay = d;
      }
    }
    assertTrue(best > 0.99, "correlation " + best + " at delay " + delay);
  }

  @Test
  void l16AtTheFeedRateIsPcm16LittleEndianUnchanged() {
    PayloadCodec codec = new PayloadCodec(Encoding.L16_16000, 16000);
    short[] frame = tone(16000, 320, 0, 1000);
    assertEquals(640, codec.encode(frame, 320));
    for (int i = 0; i < 320; i++) {
      short s = (short) ((codec.payload()[2 * i] & 0xff) | codec.payload()[2 * i + 1] << 8);
      assertEquals(frame[i], s);
    }
  }

  @Test
  void consumerPayloadBecomesPcm16LittleEndian() {
    byte[] mulaw = {G711.ulawEncode((short) 1000), G711.ulawEncode((short) -3000)};
    byte[] pcm = PayloadCodec.toPcm16(Encoding.MULAW_8000, mulaw);
    assertEquals(4, pcm.length);
    assertEquals(G711.ulawDecode(mulaw[1]), (short) ((pcm[2] & 0xff) | pcm[3] << 8));
    assertEquals(2, PayloadCodec.toPcm16(Encoding.L16_16000, new byte[] {1, 2, 3}).length, "odd byte dropped");
  }
}
