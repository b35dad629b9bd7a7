package io.voicegateway.media.codec;

/**
 * The ITU-T G.711 reference (G.191 Software Tool Library, g711.c) as bit manipulation, sample by sample,
 * written independently of the production tables so the tests compare two implementations.
 */
final class G711ReferenceAlgorithm {
  private G711ReferenceAlgorithm() {}

  static int alawCompress(short lin) {
    int ix = lin < 0 ? (~lin) >> 4 : lin >> 4;
    if (ix > 15) {
      int iexp = 1;
      while (ix > 16 + 15) {
        ix >>= 1;
        iexp++;
      }
      ix -= 16;
      ix += iexp << 4;
    }
    if (lin >= 0) {
      ix |= 0x0080;
    }
    return (ix ^ 0x0055) & 0xFF;
  }

  static short alawExpand(int log) {
    int ix = (log ^ 0x0055) & 0x007F;
    int iexp = ix >> 4;
    int mant = ix & 0x000F;
    if (iexp > 0) {
      mant = mant + 16;
    }
    mant = (mant << 4) + 0x0008;
    if (iexp > 1) {
      mant = mant << (iexp - 1);
    }
    return (short) (log > 127 ? mant : -mant);
  }

  static int ulawCompress(short lin) {
    int absno = lin < 0 ? ((~lin) >> 2) + 33 : (lin >> 2) + 33;
    if (absno > 0x1FFF) {
      absno = 0x1FFF;
    }
    int i = absno >> 6;
    int segno = 1;
    while (i != 0) {
      segno++;
      i >>= 1;
    }
    int highNibble = 0x0008 - segno;
    int lowNibble = 0x000F - ((absno >> segno) & 0x000F);
    int log = (highNibble << 4) | lowNibble;
    if (lin >= 0) {
      log |= 0x0080;
    }
    return log & 0xFF;
  }

  static short ulawExpand(int log) {
    int sign = log < 0x0080 ? -1 : 1;
    int mantissa = ~log;
    int exponent = (mantissa >> 4) & 0x0007;
    int segment = exponent + 1;
    mantissa = mantissa & 0x000F;
    int step = 4 << segment;
    return (short) (sign * ((0x0080 << exponent) + step * mantissa + step / 2 - 4 * 33));
  }
}
