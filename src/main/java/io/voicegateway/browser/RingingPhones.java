package io.voicegateway.browser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The browser branches ringing now (an INCOMING sent to the page, no answer yet), by call and page socket. */
final class RingingPhones {
  private final Map<String, BrowserDial> byKey = new LinkedHashMap<>();

  private static String key(String callId, String owner) {
    return callId + "\n" + owner;
  }

  /** False when this page is rung for this call already (the device named twice, or a fallback ringing it again). */
  boolean add(BrowserDial dial) {
    return byKey.putIfAbsent(key(dial.callId(), dial.owner()), dial) == null;
  }

  Optional<BrowserDial> find(String callId, String owner) {
    return Optional.ofNullable(byKey.get(key(callId, owner)));
  }

  void remove(BrowserDial dial) {
    byKey.remove(key(dial.callId(), dial.owner()), dial);
  }

  List<BrowserDial> ownedBy(String owner) {
    return byKey.values().stream().filter(d -> d.owner().equals(owner)).toList();
  }
}
