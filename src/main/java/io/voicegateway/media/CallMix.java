package io.voicegateway.media;

/**
 * One call's mix-minus at the call's own bus rate (issue 13). Each frame: read every leg's rate and whether
 * it listens, re-choose the bus rate (a leg joined, left, changed codec or went on hold), pull every leg,
 * then give every listening leg what the others said:
 * <ul>
 *   <li>nobody else talks: silence at the leg's rate;
 *   <li>exactly one other leg talks: that leg's frame, unchanged when both share a rate (a PCMU↔PCMU or
 *       PCMA↔PCMA call relays its samples byte for byte), else resampled — never soft-clipped;
 *   <li>two or more others talk: the bus sum minus its own audio, soft-clipped, at the bus rate and
 *       resampled to the leg's rate if it differs.
 * </ul>
 * Resamplers and buffers are made when rates change, never per frame. The bus and its mix-minus output are
 * made only when three or more legs first talk at once at a bus rate (issue 13: a two-party call, the most
 * common, never sums and so never holds them). Mixer thread only.
 */
final class CallMix {
  private static final MixerPort[] NONE = new MixerPort[0];
  private static final float[] UNMADE = new float[0];

  private MixerLeg[] seen;
  private MixerPort[] ports = NONE;
  private int busRate;
  private int busSamples;
  /** The sum of every talker at the bus rate; grows to the largest bus frame summed so far. */
  private float[] bus = UNMADE;
  /** Mix-minus output at the bus rate, exactly one bus frame long (one array per bus rate, made on first use). */
  private final float[][] busOut = new float[MixerLeg.RATES.length][];
  private float[] out;

  /** The bus rate of the last frame (0 before the first). */
  int busRate() {
    return busRate;
  }

  /** Mixes one 20 ms frame of {@code legs} (the call's current snapshot). */
  void frame(MixerLeg[] legs) {
    if (legs != seen) {
      follow(legs);
    }
    MixerPort[] p = ports;
    int n = legs.length;
    boolean changed = false;
    for (int i = 0; i < n; i++) {
      MixerPort port = p[i];
      int declared = port.leg.mixRate();
      changed |= declared != port.declared;
      port.declared = declared;
      port.listening = port.leg.listening();
    }
    int rate = BusRate.choose(p, n);
    if (changed || rate != busRate) {
      setBusRate(rate, n);
    }
    int talkers = 0;
    for (int i = 0; i < n; i++) {
      p[i].pull();
      if (p[i].frame != null) {
        talkers++;
      }
    }
    boolean summed = false;
    for (int i = 0; i < n; i++) {
      MixerPort port = p[i];
      if (!port.listening) {
        continue;
      }
      int others = talkers - (port.frame == null ? 0 : 1);
      if (others == 0) {
        port.leg.push(port.silence());
      } else if (others == 1) {
        port.leg.push(port.hearOnly(otherTalker(p, n, port)));
      } else {
        if (!summed) {
          sum(p, n);
          summed = true;
        }
        port.leg.push(port.hearBus(minus(port.atBus())));
      }
    }
    for (int i = 0; i < n; i++) {
      p[i].frame = null;
    }
  }

  /** Builds ports for a new leg snapshot, keeping each staying leg's port (and its resampler history). */
  private void follow(MixerLeg[] legs) {
    MixerPort[] next = new MixerPort[legs.length];
    for (int i = 0; i < legs.length; i++) {
      next[i] = portOf(legs[i]);
    }
    ports = next;
    seen = legs;
  }

  private MixerPort portOf(MixerLeg leg) {
    for (MixerPort port : ports) {
      if (port.leg == leg) {
        return port;
      }
    }
    MixerPort port = new MixerPort(leg);
    port.declared = leg.mixRate();
    port.configure(busRate == 0 ? BusRate.LOWEST : busRate);
    return port;
  }

  private void setBusRate(int rate, int n) {
    busRate = rate;
    busSamples = MixerLeg.frameSamples(rate);
    out = busOut[indexOf(rate)]; // null until this rate is first summed
    for (int i = 0; i < n; i++) {
      ports[i].configure(rate);
    }
  }

  private static MixerPort otherTalker(MixerPort[] p, int n, MixerPort self) {
    for (int i = 0; i < n; i++) {
      if (p[i] != self && p[i].frame != null) {
        return p[i];
      }
    }
    throw new IllegalStateException("no other talker"); // unreachable: counted above
  }

  private void sum(MixerPort[] p, int n) {
    if (bus.length < busSamples) {
      bus = new float[busSamples];
    }
    if (out == null) {
      out = busOut[indexOf(busRate)] = new float[busSamples];
    }
    float[] b = bus;
    java.util.Arrays.fill(b, 0, busSamples, 0f);
    for (int i = 0; i < n; i++) {
      float[] in = p[i].atBus();
      if (in != null) {
        for (int k = 0; k < busSamples; k++) {
          b[k] += in[k];
        }
      }
    }
  }

  /** The bus minus {@code own} (null: nothing of its own), soft-clipped, in {@link #out}. */
  private float[] minus(float[] own) {
    float[] b = bus;
    float[] o = out;
    if (own == null) {
      for (int k = 0; k < busSamples; k++) {
        o[k] = SoftClip.apply(b[k]);
      }
    } else {
      for (int k = 0; k < busSamples; k++) {
        o[k] = SoftClip.apply(b[k] - own[k]);
      }
    }
    return o;
  }

  private static int indexOf(int rate) {
    for (int i = 0; i < MixerLeg.RATES.length; i++) {
      if (MixerLeg.RATES[i] == rate) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "CallMix @" + busRate + " " + java.util.Arrays.toString(ports);
  }
}
