package io.voicegateway.stream;

import io.voicegateway.config.StreamingConfig.Encoding;
import io.voicegateway.media.codec.G711;
import io.voicegateway.media.resample.Resampler;

/**
 * Audio between the call's feed and a stream's wire format. Toward the consumer: the feed's PCM16 frames at the
 * media output rate, resampled to the stream's rate and encoded (μ-law, or PCM16 little-endian). From the consumer:
 * its payload as PCM16 little-endian at the same rate, which is what the playback back channel takes. Buffers are
 * owned and reused per direction; one codec per track.
 */
final class PayloadCodec {
  private final Encoding encoding;
  private final int feedRate;
  private final Resampler resampler;
  private float[] in = new float[0];
  private float[] out = new float[0];
  private byte[] payload = new byte[0];

  PayloadCodec(Encoding encoding, int feedRate) {
    this.encoding = encoding;
    this.feedRate = feedRate;
    this.resampler = feedRate == encoding.sampleRate() ? null : new Resampler(feedRate, encoding.sampleRate());
  }

  /** Encodes one frame; the result is {@link #payload()} up to the returned length (valid until the next call). */
  int encode(short[] samples, int n) {
    if (in.length < n) {
      in = new float[n];
      out = new float[resampler == null ? n : resampler.maxOutput(n)];
    }
    for (int i = 0; i < n; i++) {
      in[i] = samples[i];
    }
    int m = n;
    float[] pcm = in;
    if (resampler != null) {
      m = resampler.process(in, n, out);
      pcm = out;
    }
    int bytes = encoding == Encoding.MULAW_8000 ? m : 2 * m;
    if (payload.length < bytes) {
      payload = new byte[bytes];
    }
    for (int i = 0; i < m; i++) {
      short s = clip(pcm[i]);
      if (encoding == Encoding.MULAW_8000) {
        payload[i] = G711.ulawEncode(s);
      } else {
        payload[2 * i] = (byte) s;
        payload[2 * i + 1] = (byte) (s >> 8);
      }
    }
    return bytes;
  }

  int feedRate() {
    return feedRate;
  }

  byte[] payload() {
    return payload;
  }

  /** The consumer's payload as PCM16 little-endian at the stream's rate (a trailing odd byte of l16 is dropped). */
  static byte[] toPcm16(Encoding encoding, byte[] payload) {
    if (encoding == Encoding.L16_16000) {
      return payload.length % 2 == 0 ? payload : java.util.Arrays.copyOf(payload, payload.length - 1);
    }
    byte[] pcm = new byte[2 * payload.length];
    for (int i = 0; i < payload.length; i++) {
      short s = G711.ulawDecode(payload[i]);
      pcm[2 * i] = (byte) s;
      pcm[2 * i + 1] = (byte) (s >> 8);
    }
    return pcm;
  }

  private static short clip(float v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
  }
}
