package io.voicegateway.browser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pages' live sessions, by the page's session id and by their media leg id. */
final class Sessions {
  private final Map<String, Session> byId = new LinkedHashMap<>();
  private final Map<String, Session> byLegId = new LinkedHashMap<>();

  Optional<Session> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  Optional<Session> byLegId(String legId) {
    return Optional.ofNullable(byLegId.get(legId));
  }

  boolean has(String id) {
    return byId.containsKey(id);
  }

  void add(Session s) {
    byId.put(s.id, s);
    byLegId.put(s.legId, s);
  }

  /** Forgets the session (marked CLOSED) and stops its timer. */
  void remove(Session s) {
    s.state = Session.State.CLOSED;
    s.settle();
    byId.remove(s.id, s);
    byLegId.remove(s.legId, s);
  }

  List<Session> ownedBy(String owner) {
    return byId.values().stream().filter(s -> s.owner.equals(owner)).toList();
  }

  int size() {
    return byId.size();
  }
}
