package io.voicegateway.browser;

import io.voicegateway.control.Scheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Calls of step 1: a number a page wants to call, with no leg yet, under the id the call will have once a session is
 * linked to it. Unlinked for {@link #LIFETIME} and it is gone.
 */
final class PendingCalls {
  /** How long a pending call waits for its link (the 60 s). */
  static final Duration LIFETIME = Duration.ofSeconds(60);

  /**
   * @param owner the page socket that asked, or null when it came from the REST API (any authenticated page may
   *              then link it)
   */
  record Pending(String id, String owner, String number, Map<String, String> headers, Scheduler.Timer expiry) {
    boolean mayBeLinkedBy(String who) {
      return owner == null || owner.equals(who);
    }
  }

  private final Scheduler scheduler;
  private final Map<String, Pending> byId = new LinkedHashMap<>();

  PendingCalls(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  Pending add(String owner, String number, Map<String, String> headers) {
    String id = UUID.randomUUID().toString();
    Scheduler.Timer expiry = scheduler.schedule(LIFETIME, () -> byId.remove(id));
    Pending p = new Pending(id, owner, number, Map.copyOf(headers), expiry);
    byId.put(id, p);
    return p;
  }

  Optional<Pending> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  void remove(Pending p) {
    p.expiry().cancel();
    byId.remove(p.id(), p);
  }

  List<Pending> ownedBy(String owner) {
    return byId.values().stream().filter(p -> owner.equals(p.owner())).toList();
  }

  int size() {
    return byId.size();
  }
}
