package io.voicegateway.apps.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WAV files as tools write them, read as mono at the mixer's rate: length and a tone's pitch must survive. */
class WavReaderTest {
  private static final int MIXER = 48_000;
  private static final double HZ = 1000;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} Hz, {1} ch, {2}-bit {3}")
  @CsvSource({
      "8000,  1, 16, pcm",
      "8000,  1, 8,  pcm",
      "16000, 1, 16, pcm",
      "22050, 1, 16, pcm",
      "44100, 2, 16, pcm",
      "44100, 1, 24, pcm",
      "48000, 2, 24, pcm",
      "48000, 1, 32, pcm",
      "16000, 2, 32, float",
      "48000, 1, 32, float",
      "22050, 2, 16, extensible",
      "44100, 1, 24, extensible",
  })
  void readsAnyRateChannelsAndEncodingAsMonoAt48kHz(int rate, int channels, int bits, String encoding)
      throws IOException {
    byte[] wav = new WavBytes(rate, channels, bits, encoding).tone(HZ, rate / 2).bytes();

    float[] mono = WavReader.readMono(wav, MIXER, "test.wav");

    assertEquals(MIXER / 2, mono.length, 1, "half a second");
    assertEquals(HZ, hz(mono, MIXER), 2);
    assertEquals(0.5, peak(mono, MIXER / 10, mono.length - MIXER / 10), bits == 8 ? 0.03 : 0.02, "level kept");
  }

  @Test
  void readsAtOtherRatesToo() throws IOException {
    byte[] wav = new WavBytes(44_100, 2, 16, "pcm").tone(HZ, 44_100).bytes();
    float[] mono = WavReader.readMono(wav, 8000, "test.wav");
    assertEquals(8000, mono.length, 1);
    assertEquals(HZ, hz(mono, 8000), 2);
  }

  @Test
  void stereoChannelsAreAveraged() throws IOException {
    WavBytes w = new WavBytes(MIXER, 2, 16, "pcm");
    w.frame(0.5, -0.5).frame(0.25, 0.75);
    float[] mono = WavReader.readMono(w.bytes(), MIXER, "test.wav");
    assertEquals(0f, mono[0], 1e-4);
    assertEquals(0.5f, mono[1], 1e-4);
  }

  @Test
  void aDataSizeOfZeroMeansToTheEnd() throws IOException {
    byte[] wav = new WavBytes(16_000, 1, 16, "pcm").tone(HZ, 16_000).dataSize(0).bytes();
    assertEquals(MIXER, WavReader.readMono(wav, MIXER, "stream.wav").length, 1);
  }

  @Test
  void aDataSizeBeyondTheFileMeansToTheEnd() throws IOException {
    // espeak-ng --stdout writes 0x7ffff000 as it cannot seek back
    byte[] wav = new WavBytes(22_050, 1, 16, "pcm").tone(HZ, 22_050).dataSize(0x7FFF_F000).bytes();
    assertEquals(MIXER, WavReader.readMono(wav, MIXER, "espeak.wav").length, 1);
  }

  @Test
  void chunksBeforeTheDataAreSkippedWordAligned() throws IOException {
    byte[] wav = new WavBytes(MIXER, 1, 16, "pcm").extraChunk("LIST", 5).tone(HZ, 4800).bytes();
    float[] mono = WavReader.readMono(wav, MIXER, "tagged.wav");
    assertEquals(4800, mono.length);
    assertEquals(HZ, hz(mono, MIXER), 2);
  }

  @Test
  void readsAFile() throws IOException {
    Path file = dir.resolve("hello.wav");
    Files.write(file, new WavBytes(8000, 1, 16, "pcm").tone(HZ, 8000).bytes());
    assertEquals(MIXER, WavReader.readMono(file, MIXER).length, 1);
  }

  @Test
  void rawPcmAt24kHzIsResampled() {
    short[] s = new short[24_000];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) (16_000 * Math.sin(2 * Math.PI * HZ * i / 24_000));
    }
    ByteBuffer b = ByteBuffer.allocate(s.length * 2 + 1).order(ByteOrder.LITTLE_ENDIAN);
    for (short v : s) {
      b.putShort(v);
    }
    float[] mono = WavReader.readPcm16Mono(b.array(), 24_000, MIXER);
    assertEquals(MIXER, mono.length, 1);
    assertEquals(HZ, hz(mono, MIXER), 2);
  }

  @Test
  void notAWavSaysSo() {
    IOException e = assertThrows(IOException.class,
        () -> WavReader.readMono("ID3 an mp3".getBytes(StandardCharsets.US_ASCII), MIXER, "song.mp3"));
    assertTrue(e.getMessage().contains("song.mp3 is not a WAV file"), e.getMessage());
  }

  @Test
  void anUnsupportedEncodingSaysWhatIsSupported() {
    byte[] alaw = new WavBytes(8000, 1, 8, "alaw").tone(HZ, 800).bytes();
    IOException e = assertThrows(IOException.class, () -> WavReader.readMono(alaw, MIXER, "alaw.wav"));
    assertTrue(e.getMessage().contains("unsupported WAV encoding (format 6"), e.getMessage());
  }

  @Test
  void noDataChunkSaysSo() {
    byte[] header = new WavBytes(8000, 1, 16, "pcm").bytesWithoutData();
    IOException e = assertThrows(IOException.class, () -> WavReader.readMono(header, MIXER, "empty.wav"));
    assertTrue(e.getMessage().contains("no data chunk"), e.getMessage());
  }

  @Test
  void aTruncatedHeaderIsAnIoErrorNotACrash() {
    byte[] wav = new WavBytes(8000, 1, 16, "pcm").tone(HZ, 800).bytes();
    byte[] cut = java.util.Arrays.copyOf(wav, 12 + 8 + 6);
    IOException e = assertThrows(IOException.class, () -> WavReader.readMono(cut, MIXER, "cut.wav"));
    assertTrue(e.getMessage().contains("truncated fmt chunk"), e.getMessage());
  }

  @Test
  void aZeroSampleRateIsAnIoError() {
    byte[] wav = new WavBytes(0, 1, 16, "pcm").tone(HZ, 800).bytes();
    IOException e = assertThrows(IOException.class, () -> WavReader.readMono(wav, MIXER, "zero.wav"));
    assertTrue(e.getMessage().contains("sample rate 0"), e.getMessage());
  }

  /** Frequency from rising zero crossings, away from the edges. */
  static double hz(float[] s, int rate) {
    int first = -1;
    int last = -1;
    int crossings = 0;
    for (int i = rate / 50; i < s.length - rate / 50; i++) {
      if (s[i - 1] < 0 && s[i] >= 0) {
        if (first < 0) {
          first = i;
        } else {
          crossings++;
        }
        last = i;
      }
    }
    return crossings * (double) rate / (last - first);
  }

  private static double peak(float[] s, int from, int to) {
    double peak = 0;
    for (int i = from; i < to; i++) {
      peak = Math.max(peak, Math.abs(s[i]));
    }
    return peak;
  }

  /** A WAV file written the way various tools do: any encoding, extra chunks, a wrong data size. */
  private static final class WavBytes {
    private final int rate;
    private final int channels;
    private final int bits;
    private final String encoding;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final ByteArrayOutputStream extra = new ByteArrayOutputStream();
    private Integer dataSize;

    WavBytes(int rate, int channels, int bits, String encoding) {
      this.rate = rate;
      this.channels = channels;
      this.bits = bits;
      this.encoding = encoding;
    }

    /** {@code n} frames of a sine at half scale, the same on every channel. */
    WavBytes tone(double hz, int n) {
      for (int i = 0; i < n; i++) {
        double v = 0.5 * Math.sin(2 * Math.PI * hz * i / rate);
        double[] frame = new double[channels];
        java.util.Arrays.fill(frame, v);
        frame(frame);
      }
      return this;
    }

    WavBytes frame(double... values) {
      for (double v : values) {
        sample(v);
      }
      return this;
    }

    WavBytes dataSize(int size) {
      this.dataSize = size;
      return this;
    }

    WavBytes extraChunk(String id, int size) {
      ByteBuffer b = ByteBuffer.allocate(8 + size + (size & 1)).order(ByteOrder.LITTLE_ENDIAN);
      b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(size);
      extra.writeBytes(b.array());
      return this;
    }

    private void sample(double v) {
      ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      if (encoding.equals("float")) {
        b.putFloat((float) v);
      } else if (bits == 8) {
        b.put((byte) (128 + Math.round(v * 127)));
      } else if (bits == 16) {
        b.putShort((short) Math.round(v * 32767));
      } else if (bits == 24) {
        int x = (int) Math.round(v * 8_388_607);
        b.put((byte) x).put((byte) (x >> 8)).put((byte) (x >> 16));
      } else {
        b.putInt((int) Math.round(v * 2_147_483_647.0));
      }
      data.write(b.array(), 0, b.position());
    }

    byte[] bytes() {
      byte[] samples = data.toByteArray();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(bytesWithoutData());
      ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      head.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataSize != null ? dataSize : samples.length);
      out.writeBytes(head.array());
      out.writeBytes(samples);
      return out.toByteArray();
    }

    byte[] bytesWithoutData() {
      boolean extensible = encoding.equals("extensible");
      int code = switch (encoding) {
        case "float" -> 3;
        case "alaw" -> 6;
        case "extensible" -> 0xFFFE;
        default -> 1;
      };
      int fmtSize = extensible ? 40 : 16;
      ByteBuffer fmt = ByteBuffer.allocate(8 + fmtSize).order(ByteOrder.LITTLE_ENDIAN);
      int align = channels * bits / 8;
      fmt.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmtSize).putShort((short) code)
          .putShort((short) channels).putInt(rate).putInt(rate * align).putShort((short) align).putShort((short) bits);
      if (extensible) {
        // cbSize, valid bits, channel mask, then the sub-format GUID whose first two bytes are the PCM code
        fmt.putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 4).putShort((short) 1)
            .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
      body.writeBytes(fmt.array());
      body.writeBytes(extra.toByteArray());
      ByteBuffer riff = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size() + 8 + data.size());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(riff.array());
      out.writeBytes(body.toByteArray());
      return out.toByteArray();
    }
  }
}
