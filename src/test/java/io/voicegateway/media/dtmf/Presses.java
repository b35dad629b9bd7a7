package io.voicegateway.media.dtmf;

import java.util.ArrayList;
import java.util.List;

/** A {@link DtmfListener} that records every press. */
final class Presses implements DtmfListener {

  record Press(char digit, int durationMs, DtmfSource source) {}

  final List<Press> all = new ArrayList<>();

  @Override
  public void onDigit(char digit, int durationMs, DtmfSource source) {
    all.add(new Press(digit, durationMs, source));
  }

  String digits() {
    StringBuilder sb = new StringBuilder();
    all.forEach(p -> sb.append(p.digit()));
    return sb.toString();
  }

  int count() {
    return all.size();
  }
}
