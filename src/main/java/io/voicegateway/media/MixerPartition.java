package io.voicegateway.media;

import java.util.Arrays;

/** The calls one mixer thread serves. Copy-on-write like {@link MixerCall}, for the same reason. */
public final class MixerPartition {
  private static final MixerCall[] NONE = new MixerCall[0];

  private final int index;
  private volatile MixerCall[] calls = NONE;

  public MixerPartition(int index) {
    this.index = index;
  }

  public int index() {
    return index;
  }

  public synchronized void add(MixerCall call) {
    calls = SnapshotArrays.plus(calls, call);
  }

  public synchronized void remove(MixerCall call) {
    calls = SnapshotArrays.minus(calls, call);
  }

  public MixerCall[] calls() {
    return calls;
  }

  public int size() {
    return calls.length;
  }
}
