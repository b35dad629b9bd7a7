package io.voicegateway.apps.audio;

import io.voicegateway.media.resample.Resampler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a WAV file of any sample rate and channel count (PCM 8/16/24/32-bit, 32-bit float, plain or
 * WAVE_FORMAT_EXTENSIBLE) as mono float samples at the rate a caller needs: channels are averaged, and the rate
 * is converted once, with the gateway's own {@link Resampler}. A header whose data size is 0 or larger than the
 * file (a stream written by a tool that never went back to fix it) reads to the end of the file.
 */
public final class WavReader {
  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_FLOAT = 3;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  private WavReader() {}

  /** Mono samples in −1…1 at {@code rate}. */
  public static float[] readMono(Path path, int rate) throws IOException {
    return readMono(Files.readAllBytes(path), rate, path.toString());
  }

  /** As {@link #readMono(Path, int)}, from bytes; {@code name} only names the source in errors. */
  public static float[] readMono(byte[] bytes, int rate, String name) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || !tag(buf, 0).equals("RIFF") || !tag(buf, 8).equals("WAVE")) {
      throw new IOException(name + " is not a WAV file (no RIFF/WAVE header)");
    }
    int format = -1;
    int channels = 0;
    int sourceRate = 0;
    int bits = 0;
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      String id = tag(buf, pos);
      long size = buf.getInt(pos + 4) & 0xFFFF_FFFFL;
      int body = pos + 8;
      if (id.equals("fmt ")) {
        if (size < 16 || body + 16 > bytes.length) {
          throw new IOException(name + ": truncated fmt chunk");
        }
        format = buf.getShort(body) & 0xFFFF;
        channels = buf.getShort(body + 2);
        sourceRate = buf.getInt(body + 4);
        bits = buf.getShort(body + 14);
        if (format == FORMAT_EXTENSIBLE && size >= 26) {
          format = buf.getShort(body + 24) & 0xFFFF; // the sub-format GUID starts with the plain format code
        }
      } else if (id.equals("data")) {
        if (format < 0) {
          throw new IOException(name + ": data before its fmt chunk");
        }
        if (sourceRate <= 0) {
          throw new IOException(name + ": sample rate " + sourceRate + " in its fmt chunk");
        }
        int end = size == 0 || body + size > bytes.length ? bytes.length : (int) (body + size);
        float[] mono = decode(buf, body, end, format, channels, bits, name);
        return resample(mono, sourceRate, rate);
      }
      pos = body + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - body); // chunks are word-aligned
    }
    throw new IOException(name + " has no data chunk");
  }

  /**
   * Headerless 16-bit little-endian mono PCM at {@code sourceRate} (what speech servers send as {@code pcm}) as
   * mono samples at {@code rate}; an odd trailing byte is ignored.
   */
  public static float[] readPcm16Mono(byte[] bytes, int sourceRate, int rate) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] mono = new float[bytes.length / 2];
    for (int i = 0; i < mono.length; i++) {
      mono[i] = buf.getShort(2 * i) / 32768f;
    }
    return resample(mono, sourceRate, rate);
  }

  private static float[] decode(ByteBuffer buf, int start, int end, int format, int channels, int bits, String name)
      throws IOException {
    boolean pcm = format == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
    boolean floats = format == FORMAT_FLOAT && bits == 32;
    if (!pcm && !floats || channels < 1) {
      throw new IOException(name + ": unsupported WAV encoding (format " + format + ", " + bits + " bits, "
          + channels + " channels); use PCM or 32-bit float");
    }
    int bytesPerSample = bits / 8;
    int frames = (end - start) / (bytesPerSample * channels);
    float[] mono = new float[frames];
    int p = start;
    for (int f = 0; f < frames; f++) {
      float sum = 0;
      for (int c = 0; c < channels; c++, p += bytesPerSample) {
        sum += floats ? buf.getFloat(p) : pcmSample(buf, p, bits);
      }
      mono[f] = sum / channels;
    }
    return mono;
  }

  private static float pcmSample(ByteBuffer buf, int p, int bits) {
    return switch (bits) {
      case 8 -> ((buf.get(p) & 0xFF) - 128) / 128f;
      case 16 -> buf.getShort(p) / 32768f;
      case 24 -> (((buf.get(p + 2) << 16) | ((buf.get(p + 1) & 0xFF) << 8) | (buf.get(p) & 0xFF))) / 8388608f;
      default -> buf.getInt(p) / 2147483648f;
    };
  }

  /** One-shot conversion, aligned: the filter's delay is flushed with silence and cut from the start. */
  private static float[] resample(float[] in, int from, int to) {
    if (from == to) {
      return in;
    }
    Resampler resampler = new Resampler(from, to);
    int delay = (int) Math.round(resampler.delay());
    int pad = (int) ((long) (delay + 1) * from / to) + 1;
    float[] padded = Arrays.copyOf(in, in.length + pad);
    float[] out = new float[resampler.maxOutput(padded.length)];
    int n = resampler.process(padded, padded.length, out);
    int length = (int) ((long) in.length * to / from);
    return Arrays.copyOfRange(out, Math.min(delay, n), Math.min(delay + length, n));
  }

  private static String tag(ByteBuffer buf, int at) {
    byte[] b = new byte[4];
    buf.get(at, b);
    return new String(b, StandardCharsets.US_ASCII);
  }
}
