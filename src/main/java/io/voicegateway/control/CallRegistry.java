package io.voicegateway.control;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live calls, by internal id, and the call each live leg belongs to (a leg can move between calls, as in
 * an attended transfer). Protocol indexes (a SIP Call-ID to its leg) live with the protocol and key on the
 * leg id. Touched only on the context that owns the calls.
 */
public final class CallRegistry {
  private final Map<String, Call> byId = new LinkedHashMap<>();
  private final Map<String, Call> byLegId = new LinkedHashMap<>();

  /** Registers the call and the legs it already has. */
  public void add(Call call) {
    byId.put(call.id(), call);
    call.legs().forEach(leg -> byLegId.put(leg.id(), call));
  }

  /** Adds a leg to a call. */
  public void addLeg(Call call, Leg leg) {
    call.addLeg(leg);
    byLegId.put(leg.id(), call);
  }

  /** Drops one leg (a losing fork branch, a transferred-away party) from its call. */
  public void removeLeg(Call call, Leg leg) {
    call.removeLeg(leg);
    byLegId.remove(leg.id(), call);
  }

  public Optional<Call> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The call a live leg belongs to. */
  public Optional<Call> callOf(String legId) {
    return Optional.ofNullable(byLegId.get(legId));
  }

  /** Forgets the call and all its legs. */
  public void remove(Call call) {
    byId.remove(call.id());
    call.legs().forEach(leg -> byLegId.remove(leg.id(), call));
  }

  public Collection<Call> calls() {
    return Collections.unmodifiableCollection(byId.values());
  }

  public int size() {
    return byId.size();
  }
}
