package io.voicegateway.media.codec;

/**
 * Reads just enough of an Opus packet (RFC 6716 §3) to tell whether it carries in-band FEC (SILK LBRR
 * data) for the previous frame. Concentus has no {@code opus_packet_has_lbrr}; without this check a FEC
 * decode of a packet without FEC silently falls back to PLC, and the caller could not tell.
 */
final class OpusPackets {
  /** Samples (at 48 kHz) per frame of the SILK-only configurations 0..11, by {@code config & 3}. */
  private static final int[] SILK_FRAME_SIZES = {480, 960, 1920, 2880};

  private OpusPackets() {}

  static boolean hasFec(byte[] p, int off, int len) {
    if (len < 2) {
      return false;
    }
    int toc = p[off] & 0xFF;
    int config = toc >> 3;
    if (config >= 16) {
      return false; // CELT-only: no SILK layer, no LBRR
    }
    int frameSize = config < 12 ? SILK_FRAME_SIZES[config & 3] : (config & 1) == 0 ? 480 : 960;
    int silkFrames = frameSize > 960 ? frameSize / 960 : 1;
    int start = firstFrameStart(p, off, len, toc & 3);
    if (start < 0 || start >= off + len) {
      return false;
    }
    // The SILK header opens the range-coded frame with VAD flags then the LBRR flag, each coded at
    // probability 1/2, so they are the leading raw bits of the first byte (mid channel, then side).
    int first = p[start] & 0xFF;
    boolean lbrr = ((first >> (7 - silkFrames)) & 1) != 0;
    if ((toc & 0x04) != 0) {
      lbrr |= ((first >> (6 - 2 * silkFrames)) & 1) != 0;
    }
    return lbrr;
  }

  /** Index of the first frame's data, or -1 when the packet is malformed. */
  private static int firstFrameStart(byte[] p, int off, int len, int code) {
    int end = off + len;
    int pos = off + 1;
    switch (code) {
      case 0:
      case 1:
        return pos;
      case 2:
        int n = sizeFieldLength(p, pos, end);
        return n < 0 ? -1 : pos + n;
      default:
        int countByte = p[pos++] & 0xFF;
        int count = countByte & 0x3F;
        if (count == 0) {
          return -1;
        }
        if ((countByte & 0x40) != 0) { // padding length: bytes of 255 continue it
          int b;
          do {
            if (pos >= end) {
              return -1;
            }
            b = p[pos++] & 0xFF;
          } while (b == 255);
        }
        if ((countByte & 0x80) != 0) { // VBR: sizes of all frames but the last precede the data
          for (int i = 0; i < count - 1; i++) {
            int field = sizeFieldLength(p, pos, end);
            if (field < 0) {
              return -1;
            }
            pos += field;
          }
        }
        return pos;
    }
  }

  /** Length (1 or 2) of the frame-size field at {@code pos}, or -1 if truncated. */
  private static int sizeFieldLength(byte[] p, int pos, int end) {
    if (pos >= end) {
      return -1;
    }
    return (p[pos] & 0xFF) < 252 ? 1 : pos + 1 < end ? 2 : -1;
  }
}
