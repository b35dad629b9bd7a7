package io.voicegateway.media.codec;

import static io.voicegateway.media.codec.G722Tables.IHN;
import static io.voicegateway.media.codec.G722Tables.IHP;
import static io.voicegateway.media.codec.G722Tables.ILN;
import static io.voicegateway.media.codec.G722Tables.ILP;
import static io.voicegateway.media.codec.G722Tables.Q6;
import static io.voicegateway.media.codec.G722Tables.QM2;
import static io.voicegateway.media.codec.G722Tables.QM4;
import static io.voicegateway.media.codec.G722Tables.RH2;
import static io.voicegateway.media.codec.G722Tables.RL42;
import static io.voicegateway.media.codec.G722Tables.WH;
import static io.voicegateway.media.codec.G722Tables.WL;

/**
 * 16 kHz PCM → G.722 at 64 kbit/s: one byte per two samples (6 bits lower band, 2 bits higher band).
 *
 * <p>Written by hand from ITU-T G.722 because no maintained pure-Java G.722 exists on Maven Central; the
 * codec is small and fully specified in fixed point, and golden vectors from ffmpeg check it.
 */
final class G722Encoder implements AudioEncoder {
  private final G722Qmf qmf = new G722Qmf();
  private final G722Band lowBand = new G722Band(true);
  private final G722Band highBand = new G722Band(false);

  @Override
  public int sampleRate() {
    return 16000;
  }

  /** Encodes pairs of samples (an odd last sample is dropped); returns {@code samples / 2} bytes. */
  @Override
  public int encode(short[] in, int inOff, int samples, byte[] out, int outOff) {
    int n = Math.min(Math.min(samples, in.length - inOff) / 2, out.length - outOff);
    for (int i = 0; i < n; i++) {
      qmf.analyse(in[inOff + 2 * i], in[inOff + 2 * i + 1]);
      int ilow = encodeLow(qmf.low);
      int ihigh = encodeHigh(qmf.high);
      out[outOff + i] = (byte) ((ihigh << 6) | ilow);
    }
    return Math.max(n, 0);
  }

  /** Blocks 1L–4L: 6-bit quantisation of the prediction error; the predictor sees only its top 4 bits. */
  private int encodeLow(int xlow) {
    G722Band band = lowBand;
    int el = G722Band.saturate(xlow - band.s);
    int wd = el >= 0 ? el : -(el + 1);
    int i = 1;
    while (i < 30 && wd >= (Q6[i] * band.det) >> 12) {
      i++;
    }
    int ilow = el < 0 ? ILN[i] : ILP[i];
    int ril = ilow >> 2;
    int dlow = (band.det * QM4[ril]) >> 15;
    band.adaptScale(WL[RL42[ril]]);
    band.adaptPredictor(dlow);
    return ilow;
  }

  /** Blocks 1H–4H: 2-bit quantisation of the higher band's prediction error. */
  private int encodeHigh(int xhigh) {
    G722Band band = highBand;
    int eh = G722Band.saturate(xhigh - band.s);
    int wd = eh >= 0 ? eh : -(eh + 1);
    int mih = wd >= (564 * band.det) >> 12 ? 2 : 1;
    int ihigh = eh < 0 ? IHN[mih] : IHP[mih];
    int dhigh = (band.det * QM2[ihigh]) >> 15;
    band.adaptScale(WH[RH2[ihigh]]);
    band.adaptPredictor(dhigh);
    return ihigh;
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
