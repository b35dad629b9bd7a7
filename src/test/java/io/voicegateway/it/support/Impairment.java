package io.voicegateway.it.support;

import java.util.Random;

/**
 * What a bad network does to each packet, decided from a seeded random source so that a level can be run again:
 * drop it ({@code loss}), delay it by a uniform 0..{@code jitterMs}, hold it back a further two packet times
 * ({@code reorder}: it arrives after its successors), and send it a second time ({@code duplicate}).
 *
 * @param loss      fraction of packets dropped, 0..1
 * @param jitterMs  each packet is delayed uniformly by 0..jitterMs (beyond 20 ms this reorders too)
 * @param reorder   fraction of packets held back a further {@link #REORDER_MS}
 * @param duplicate fraction of packets sent twice (the copy up to 20 ms after the original)
 */
public record Impairment(double loss, int jitterMs, double reorder, double duplicate) {
  public static final Impairment NONE = new Impairment(0, 0, 0, 0);
  /** How much later a reordered packet leaves: two 20 ms packet times. */
  public static final int REORDER_MS = 40;

  /** The fate of one packet: dropped, or sent after {@code delayMs} and, if {@code copyDelayMs >= 0}, again. */
  public record Fate(boolean dropped, int delayMs, int copyDelayMs) {
    static final Fate DROPPED = new Fate(true, 0, -1);
  }

  /** Decides one packet's fate. */
  public Fate decide(Random random) {
    if (random.nextDouble() < loss) {
      return Fate.DROPPED;
    }
    int delay = jitterMs > 0 ? random.nextInt(jitterMs + 1) : 0;
    if (random.nextDouble() < reorder) {
      delay += REORDER_MS;
    }
    int copy = random.nextDouble() < duplicate ? delay + random.nextInt(21) : -1;
    return new Fate(false, delay, copy);
  }

  @Override
  public String toString() {
    return String.format("loss %.0f %%, jitter 0-%d ms, reorder %.0f %%, duplicates %.0f %%", loss * 100, jitterMs,
        reorder * 100, duplicate * 100);
  }
}
