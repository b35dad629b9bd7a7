package io.voicegateway.media.jitter;

/**
 * Pitch period by normalised autocorrelation (ITU-T G.711 Appendix I §I.2.2): the lag at which the signal
 * {@code lag} samples back best matches its last {@code corrLen} samples. A coarse pass on every
 * {@code step}-th lag and sample keeps it cheap; a fine pass refines around the winner.
 */
final class PitchEstimator {
  private PitchEstimator() {}

  /**
   * @param h      history; samples {@code [end - corrLen - maxLag, end)} are used
   * @param end    one past the newest sample
   * @return the period in samples, within {@code [minLag, maxLag]}
   */
  static int find(float[] h, int end, int corrLen, int minLag, int maxLag, int step) {
    int ref = end - corrLen;
    // Energy floor: silence must not make a random lag win on a division by almost nothing.
    double minEnergy = 250.0 * corrLen / step;
    int best = minLag;
    double bestScore = -Double.MAX_VALUE;
    for (int lag = minLag; lag <= maxLag; lag += step) {
      double s = score(h, ref, corrLen, lag, step, minEnergy);
      if (s > bestScore) {
        bestScore = s;
        best = lag;
      }
    }
    int from = Math.max(minLag, best - step + 1);
    int to = Math.min(maxLag, best + step - 1);
    bestScore = -Double.MAX_VALUE;
    int fine = best;
    for (int lag = from; lag <= to; lag++) {
      double s = score(h, ref, corrLen, lag, 1, minEnergy * step);
      if (s > bestScore) {
        bestScore = s;
        fine = lag;
      }
    }
    return fine;
  }

  private static double score(float[] h, int ref, int corrLen, int lag, int stride, double minEnergy) {
    double corr = 0;
    double energy = 0;
    int past = ref - lag;
    for (int i = 0; i < corrLen; i += stride) {
      float p = h[past + i];
      corr += h[ref + i] * p;
      energy += p * p;
    }
    return corr / Math.sqrt(Math.max(energy, minEnergy));
  }
}
