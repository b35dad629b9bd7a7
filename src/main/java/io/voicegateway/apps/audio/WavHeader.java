package io.voicegateway.apps.audio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The 44-byte canonical header of a 16-bit PCM WAV file. */
final class WavHeader {
  private WavHeader() {}

  /** Fills {@code header} (little-endian, 44 bytes) and flips it for writing. */
  static void fill(ByteBuffer header, int sampleRate, int channels, long dataBytes) {
    long data = Math.min(dataBytes, 0xFFFF_FFFFL - 36);
    header.clear();
    header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + data));
    header.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    header.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
        .putInt(sampleRate).putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
    header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) data);
    header.flip();
  }
}
