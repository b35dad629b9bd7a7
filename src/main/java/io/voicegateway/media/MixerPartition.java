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
    MixerCall[] next = Arrays.copyOf(calls, calls.length + 1);
    next[calls.length] = call;
    calls = next;
  }

  public synchronized void remove(MixerCall call) {
    MixerCall[] current = calls;
    for (int i = 0; i < current.length; i++) {
      if (current[i] == call) {
        MixerCall[] next = new MixerCall[current.length - 1];
        System.arraycopy(current, 0, next, 0, i);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        calls = next;
        return;
      }
    }
  }

  public MixerCall[] calls() {
    return calls;
  }

  public int size() {
    return calls.length;
  }
}
