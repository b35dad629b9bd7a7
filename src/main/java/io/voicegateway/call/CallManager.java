package io.voicegateway.call;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live calls, by internal id and by the SIP Call-ID of each of their SIP legs. Every SIP leg has its
 * own Call-ID (we generate a fresh one for each leg we originate), so Call-ID finds the leg for in-dialog
 * requests, responses and CANCEL alike. Touched only on the SIP verticle's context.
 */
public final class CallManager {
  private final Map<String, Call> byId = new LinkedHashMap<>();
  private final Map<String, Leg> legsBySipCallId = new LinkedHashMap<>();
  private final Map<String, Call> callsBySipCallId = new LinkedHashMap<>();

  public void add(Call call) {
    byId.put(call.id(), call);
    call.legs().forEach(leg -> index(call, leg));
  }

  /** Adds a leg to a call and indexes it by its Call-ID. */
  public void addLeg(Call call, Leg leg) {
    call.addLeg(leg);
    index(call, leg);
  }

  /** Drops one leg (a losing fork, a transferred-away party) from its call and the Call-ID index. */
  public void removeLeg(Call call, Leg leg) {
    call.removeLeg(leg);
    if (leg.sipCallId() != null) {
      legsBySipCallId.remove(leg.sipCallId());
      callsBySipCallId.remove(leg.sipCallId());
    }
  }

  private void index(Call call, Leg leg) {
    if (leg.sipCallId() != null) {
      legsBySipCallId.put(leg.sipCallId(), leg);
      callsBySipCallId.put(leg.sipCallId(), call);
    }
  }

  public Optional<Call> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The call owning the SIP leg with this Call-ID. */
  public Optional<Call> bySipCallId(String sipCallId) {
    return Optional.ofNullable(callsBySipCallId.get(sipCallId));
  }

  public Optional<Leg> legBySipCallId(String sipCallId) {
    return Optional.ofNullable(legsBySipCallId.get(sipCallId));
  }

  /** Forgets the call and all its legs. */
  public void remove(Call call) {
    byId.remove(call.id());
    for (Leg leg : call.legs()) {
      if (leg.sipCallId() != null) {
        legsBySipCallId.remove(leg.sipCallId());
        callsBySipCallId.remove(leg.sipCallId());
      }
    }
  }

  public Collection<Call> calls() {
    return Collections.unmodifiableCollection(byId.values());
  }

  public int size() {
    return byId.size();
  }
}
