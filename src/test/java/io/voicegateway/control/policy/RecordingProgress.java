package io.voicegateway.control.policy;

import java.util.ArrayList;
import java.util.List;

/** What a transferor was told (SIP: the sipfrag status lines of its NOTIFYs); "final" marks the last. */
final class RecordingProgress implements BlindTransfer.Progress {
  final List<String> notified = new ArrayList<>();

  @Override
  public void progress(int status) {
    notified.add(Integer.toString(status));
  }

  @Override
  public void finish(int status) {
    notified.add(status + " final");
  }
}
