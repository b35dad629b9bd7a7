package io.voicegateway.control.policy;

import io.voicegateway.control.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fork tells the caller when no branch answered (RFC 3261 §16.7 step 6, simplified for phones):
 * 486 when every branch was busy or declined (486, 600, 603), else the status itself when every branch
 * said the same (a trunk's 404), otherwise 480 — the callee exists but is not reachable now.
 */
final class ForkOutcome {
  private final List<Integer> statuses = new ArrayList<>();
  private int dialled;

  void dialled() {
    dialled++;
  }

  void failed(int status) {
    statuses.add(status);
  }

  boolean allFailed() {
    return dialled > 0 && statuses.size() >= dialled;
  }

  int status() {
    if (statuses.isEmpty()) {
      return Status.TEMPORARILY_UNAVAILABLE;
    }
    if (statuses.stream().allMatch(ForkOutcome::busy)) {
      return Status.BUSY_HERE;
    }
    int first = statuses.get(0);
    if (statuses.stream().allMatch(st -> st == first)) {
      return first;
    }
    return Status.TEMPORARILY_UNAVAILABLE;
  }

  String reason() {
    return "no branch answered " + statuses;
  }

  private static boolean busy(int status) {
    return status == Status.BUSY_HERE || status == Status.BUSY_EVERYWHERE || status == Status.DECLINE;
  }
}
