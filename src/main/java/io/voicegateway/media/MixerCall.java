package io.voicegateway.media;

import java.util.Arrays;

/**
 * The legs of one call as the mixer sees them, with the call's own frame clock. Legs are added and removed
 * from event loops; the mixer thread reads a copy-on-write array, so its loop needs no lock and no iterator.
 */
public final class MixerCall {
  private static final MixerLeg[] NONE = new MixerLeg[0];

  private final String callId;
  private volatile MixerLeg[] legs = NONE;
  // Mixer-thread state: when the call's first frame was due and how many frames it has produced.
  long startNanos;
  boolean started;
  long framesDone;
  final float[] bus = new float[MixerLeg.FRAME];
  final float[] out = new float[MixerLeg.FRAME];
  float[][] pulled = new float[4][];
  private FaxPassThrough fax; // set by the engine before the call is first mixed; null: never relays


  public MixerCall(String callId) {
    this.callId = callId;
  }

  public String callId() {
    return callId;
  }

  public synchronized void add(MixerLeg leg) {
    legs = SnapshotArrays.plus(legs, leg);
  }

  /** Removes the leg; returns the number of legs left. */
  public synchronized int remove(MixerLeg leg) {
    legs = SnapshotArrays.minus(legs, leg);
    return legs.length;
  }

  /** Replaces one leg by another in the same slot (a renegotiated pipeline), or adds it. */
  public synchronized void replace(MixerLeg old, MixerLeg fresh) {
    MixerLeg[] current = legs;
    for (int i = 0; i < current.length; i++) {
      if (current[i] == old) {
        MixerLeg[] next = current.clone();
        next[i] = fresh;
        legs = next;
        return;
      }
    }
    add(fresh);
  }

  /** Gives the call its fax switch (issue 13): a two-party G.711 call that hears a fax tone relays payloads. */
  void fax(FaxPassThrough fax) {
    this.fax = fax;
  }

  public MixerLeg[] legs() {
    return legs;
  }

  /** Mixes one 20 ms frame: every leg hears the sum of all legs minus its own contribution. */
  void mixFrame() {
    MixerLeg[] current = legs;
    if (fax != null && fax.relayed(current)) {
      return; // a fax call: its payloads went through unchanged, nothing to mix
    }
    int n = current.length;
    if (pulled.length < n) {
      pulled = new float[n * 2][]; // grows only when a call gains legs, not per frame
    }
    Arrays.fill(bus, 0f);
    for (int i = 0; i < n; i++) {
      float[] in = current[i].pull();
      pulled[i] = in;
      if (in != null) {
        for (int k = 0; k < MixerLeg.FRAME; k++) {
          bus[k] += in[k];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      MixerLeg leg = current[i];
      if (!leg.listening()) {
        continue;
      }
      float[] own = pulled[i];
      if (own == null) {
        for (int k = 0; k < MixerLeg.FRAME; k++) {
          out[k] = SoftClip.apply(bus[k]);
        }
      } else {
        for (int k = 0; k < MixerLeg.FRAME; k++) {
          out[k] = SoftClip.apply(bus[k] - own[k]);
        }
      }
      leg.push(out);
    }
    Arrays.fill(pulled, 0, n, null);
  }
}
