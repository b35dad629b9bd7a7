package io.voicegateway.media.codec;

/**
 * ITU-T G.711 μ-law and A-law as lookup tables built once per JVM. The encode tables are indexed by the
 * bits the laws actually look at (μ-law: the top 14 bits, A-law: the top 12), so they are 16 KiB and 4 KiB
 * and fit in cache; the results equal the ITU-T reference (G.191 STL) for every 16-bit input.
 */
public final class G711 {
  private static final byte[] ULAW_ENCODE = new byte[1 << 14];
  private static final byte[] ALAW_ENCODE = new byte[1 << 12];
  private static final short[] ULAW_DECODE = new short[256];
  private static final short[] ALAW_DECODE = new short[256];

  static {
    for (int i = 0; i < 256; i++) {
      ULAW_DECODE[i] = (short) ulawExpand(i);
      ALAW_DECODE[i] = (short) alawExpand(i);
    }
    for (int i = 0; i < ULAW_ENCODE.length; i++) {
      ULAW_ENCODE[i] = (byte) ulawCompress((short) (i << 2));
    }
    for (int i = 0; i < ALAW_ENCODE.length; i++) {
      ALAW_ENCODE[i] = (byte) alawCompress((short) (i << 4));
    }
  }

  private G711() {}

  public static byte ulawEncode(short sample) {
    return ULAW_ENCODE[(sample >> 2) & 0x3FFF];
  }

  public static short ulawDecode(byte code) {
    return ULAW_DECODE[code & 0xFF];
  }

  public static byte alawEncode(short sample) {
    return ALAW_ENCODE[(sample >> 4) & 0xFFF];
  }

  public static short alawDecode(byte code) {
    return ALAW_DECODE[code & 0xFF];
  }

  // Table builders: segment search over the magnitude. Negative samples use the one's complement (~x), as
  // the ITU reference does, so -1 encodes like 0 with the sign bit clear.

  private static int ulawCompress(short x) {
    int magnitude = Math.min(((x < 0 ? ~x : x) >> 2) + 33, 0x1FFF); // 14-bit magnitude + μ-law bias
    int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 5; // bias puts magnitude >= 32: 0..7
    int mantissa = (magnitude >> (segment + 1)) & 0x0F;
    int code = 0x7F - ((segment << 4) | mantissa); // μ-law transmits the magnitude inverted
    return x >= 0 ? code | 0x80 : code;
  }

  private static int alawCompress(short x) {
    int magnitude = (x < 0 ? ~x : x) >> 4; // 0..2047, in steps of the two smallest segments
    int code;
    if (magnitude < 32) {
      code = magnitude; // segments 0 and 1 share one step size
    } else {
      int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 3; // 2..7
      code = (segment << 4) | ((magnitude >> (segment - 1)) & 0x0F);
    }
    if (x >= 0) {
      code |= 0x80;
    }
    return code ^ 0x55; // A-law inverts the even bits on the line
  }

  private static int ulawExpand(int code) {
    int inverted = ~code & 0xFF;
    int segment = (inverted >> 4) & 0x07;
    int mantissa = inverted & 0x0F;
    int magnitude = (((mantissa << 3) + 0x84) << segment) - 0x84;
    return (code & 0x80) != 0 ? magnitude : -magnitude;
  }

  private static int alawExpand(int code) {
    int toggled = (code ^ 0x55) & 0x7F;
    int segment = toggled >> 4;
    int mantissa = toggled & 0x0F;
    int magnitude = segment == 0 ? (mantissa << 4) + 8 : ((mantissa + 16) << 4) + 8 << (segment - 1);
    return (code & 0x80) != 0 ? magnitude : -magnitude;
  }
}
