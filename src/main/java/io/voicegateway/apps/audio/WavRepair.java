package io.voicegateway.apps.audio;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Mends a WAV file that {@link WavWriter} left behind when the gateway was killed: its header's sizes are set
 * from the file's length (an odd trailing byte or half a stereo frame is cut). Run on start-up over the folders
 * that hold messages and recordings; a file that is not one of ours is left alone.
 */
public final class WavRepair {
  private WavRepair() {}

  /** Whether the header had to be rewritten. */
  public static boolean repair(Path path) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      if (file.length() < WavWriter.HEADER_BYTES) {
        return false;
      }
      ByteBuffer header = ByteBuffer.allocate(WavWriter.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      file.getChannel().read(header, 0);
      header.flip();
      byte[] tag = new byte[4];
      header.get(0, tag);
      boolean riff = "RIFF".equals(new String(tag, StandardCharsets.US_ASCII));
      header.get(36, tag);
      boolean data = "data".equals(new String(tag, StandardCharsets.US_ASCII));
      int channels = header.getShort(22);
      int sampleRate = header.getInt(24);
      if (!riff || !data || header.getShort(20) != 1 || header.getShort(34) != 16 || channels < 1 || channels > 2
          || sampleRate <= 0) {
        return false; // not a header WavWriter writes (and a channel count of 0 must not divide)
      }
      long frameBytes = 2L * channels;
      long dataBytes = (file.length() - WavWriter.HEADER_BYTES) / frameBytes * frameBytes;
      if (header.getInt(40) == (int) dataBytes && header.getInt(4) == (int) (36 + dataBytes)
          && file.length() == WavWriter.HEADER_BYTES + dataBytes) {
        return false;
      }
      file.setLength(WavWriter.HEADER_BYTES + dataBytes);
      WavHeader.fill(header, sampleRate, channels, dataBytes);
      file.getChannel().write(header, 0);
      return true;
    }
  }
}
