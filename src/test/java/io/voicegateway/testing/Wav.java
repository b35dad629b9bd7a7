package io.voicegateway.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Minimal reader/writer for 16-bit PCM WAV files, enough for test audio. */
public record Wav(int sampleRate, int channels, short[] samples) {

  /** Reads a PCM16 WAV; multi-channel files are returned interleaved. */
  public static Wav read(Path path) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF" … "WAVE"
      throw new IOException(path + ": not a RIFF/WAVE file");
    }
    int pos = 12;
    int rate = 0;
    int channels = 0;
    while (pos + 8 <= b.limit()) {
      int id = b.getInt(pos);
      int size = b.getInt(pos + 4);
      int body = pos + 8;
      if (id == 0x20746d66) { // "fmt "
        int format = b.getShort(body) & 0xffff;
        channels = b.getShort(body + 2);
        rate = b.getInt(body + 4);
        int bits = b.getShort(body + 14);
        if ((format != 1 && format != 0xfffe) || bits != 16) {
          throw new IOException(path + ": only PCM16 is supported (format " + format + ", " + bits + " bits)");
        }
      } else if (id == 0x61746164) { // "data"
        // Writers that stream (sndfile dumps) may leave the size at 0 or too large: trust the file length.
        int len = size <= 0 || body + size > b.limit() ? b.limit() - body : size;
        short[] s = new short[len / 2];
        b.position(body);
        b.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return new Wav(rate, channels, s);
      }
      pos = body + size + (size & 1);
    }
    throw new IOException(path + ": no data chunk");
  }

  public void write(Path path) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x46464952).putInt(36 + samples.length * 2).putInt(0x45564157);
    b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
        .putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
    b.putInt(0x61746164).putInt(samples.length * 2);
    for (short s : samples) {
      b.putShort(s);
    }
    Files.write(path, b.array());
  }

  public double seconds() {
    return samples.length / (double) (sampleRate * channels);
  }
}
