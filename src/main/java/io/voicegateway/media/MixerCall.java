package io.voicegateway.media;

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
  private final CallMix mix = new CallMix();
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

  /** The bus rate the call mixed its last frame at (0 before the first); mixer thread. */
  int busRate() {
    return mix.busRate();
  }

  /**
   * Mixes one 20 ms frame: every leg hears the sum of all legs minus its own contribution, at the call's
   * own bus rate (see {@link CallMix}).
   */
  void mixFrame() {
    MixerLeg[] current = legs;
    if (fax != null && fax.relayed(current)) {
      return; // a fax call: its payloads went through unchanged, nothing to mix
    }
    mix.frame(current);
  }
}
