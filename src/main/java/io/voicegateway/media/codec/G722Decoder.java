package io.voicegateway.media.codec;

import static io.voicegateway.media.codec.G722Tables.QM2;
import static io.voicegateway.media.codec.G722Tables.QM4;
import static io.voicegateway.media.codec.G722Tables.QM6;
import static io.voicegateway.media.codec.G722Tables.RH2;
import static io.voicegateway.media.codec.G722Tables.RL42;
import static io.voicegateway.media.codec.G722Tables.WH;
import static io.voicegateway.media.codec.G722Tables.WL;

/**
 * G.722 at 64 kbit/s → 16 kHz PCM: each byte gives two samples. RTP carries it with an 8000 Hz clock
 * (RFC 3551 §4.5.2), so 20 ms is 160 bytes and 320 samples. Hand-written for the reason given on
 * {@link G722Encoder}. G.722 has no concealment of its own: the jitter buffer's waveform PLC covers loss.
 */
final class G722Decoder implements AudioDecoder {
  private final G722Qmf qmf = new G722Qmf();
  private final G722Band lowBand = new G722Band(true);
  private final G722Band highBand = new G722Band(false);

  @Override
  public int sampleRate() {
    return 16000;
  }

  /** Writes two samples per byte, for as many whole bytes as fit in {@code out}. */
  @Override
  public int decode(byte[] in, int off, int len, short[] out, int outOff) {
    int n = Math.min(Math.min(len, in.length - off), (out.length - outOff) / 2);
    for (int i = 0; i < n; i++) {
      int code = in[off + i] & 0xFF;
      int rlow = decodeLow(code & 0x3F);
      int rhigh = decodeHigh(code >> 6);
      qmf.synthesise(rlow, rhigh, out, outOff + 2 * i);
    }
    return Math.max(2 * n, 0);
  }

  /** Blocks 5L, 6L (output from all 6 bits) then 2L–4L (adaptation from the top 4 bits, as the encoder). */
  private int decodeLow(int ilow) {
    G722Band band = lowBand;
    int rlow = G722Band.clamp(band.s + ((band.det * QM6[ilow]) >> 15), -16384, 16383);
    int ril = ilow >> 2;
    int dlow = (band.det * QM4[ril]) >> 15;
    band.adaptScale(WL[RL42[ril]]);
    band.adaptPredictor(dlow);
    return rlow;
  }

  private int decodeHigh(int ihigh) {
    G722Band band = highBand;
    int dhigh = (band.det * QM2[ihigh]) >> 15;
    int rhigh = G722Band.clamp(dhigh + band.s, -16384, 16383);
    band.adaptScale(WH[RH2[ihigh]]);
    band.adaptPredictor(dhigh);
    return rhigh;
  }

  @Override
  public void reset() {
    qmf.reset();
    lowBand.reset();
    highBand.reset();
  }

  @Override
  public String toString() {
    return "G722";
  }
}
