package io.voicegateway.sip;

import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Leg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SIP legs of the live calls, by SIP Call-ID and by leg id, kept in step with the {@link CallRegistry}:
 * every SIP leg has its own Call-ID (we generate a fresh one for each leg we originate), so the Call-ID of an
 * in-dialog request, a response or a CANCEL finds its leg, and the registry its call. Touched only on the SIP
 * verticle's context.
 */
final class SipLegs {
  private final CallRegistry calls;
  private final Function<SipLeg, SipEndpoint> endpoints;
  private final Map<String, SipLeg> bySipCallId = new LinkedHashMap<>();
  private final Map<String, SipLeg> byLegId = new LinkedHashMap<>();

  /** @param endpoints makes the endpoint through which call control drives a SIP leg */
  SipLegs(CallRegistry calls, Function<SipLeg, SipEndpoint> endpoints) {
    this.calls = calls;
    this.endpoints = endpoints;
  }

  /** An index whose legs get no endpoint (tests of the index alone). */
  SipLegs(CallRegistry calls) {
    this(calls, leg -> null);
  }

  /** Adds a SIP leg to a call (registry and indexes). */
  void add(Call call, SipLeg leg) {
    if (leg.endpoint() == null) {
      leg.endpoint(endpoints.apply(leg));
    }
    calls.addLeg(call, leg.leg());
    bySipCallId.put(leg.sipCallId(), leg);
    byLegId.put(leg.id(), leg);
  }

  /** Drops a SIP leg from its call (a losing branch, a party transferred away). */
  void remove(Call call, SipLeg leg) {
    calls.removeLeg(call, leg.leg());
    forget(leg);
  }

  /** Forgets the SIP side of every leg of a call that ended. */
  void removeAll(Call call) {
    call.legs().forEach(leg -> of(leg).ifPresent(this::forget));
  }

  private void forget(SipLeg leg) {
    leg.releaseSlot(); // its source's call count (limits.unknown_source_max_calls)
    leg.endWatch(); // its Timer C would otherwise hold the ended call for three minutes
    bySipCallId.remove(leg.sipCallId(), leg);
    byLegId.remove(leg.id(), leg);
  }

  Optional<SipLeg> bySipCallId(String sipCallId) {
    return Optional.ofNullable(bySipCallId.get(sipCallId));
  }

  /** The call owning the SIP leg with this Call-ID. */
  Optional<Call> callBySipCallId(String sipCallId) {
    return bySipCallId(sipCallId).flatMap(leg -> calls.callOf(leg.id()));
  }

  /** The SIP side of a leg; empty for a leg of another kind or one already gone. */
  Optional<SipLeg> of(Leg leg) {
    return Optional.ofNullable(byLegId.get(leg.id()));
  }

  /** The SIP legs of a call, in the call's order. */
  List<SipLeg> of(Call call) {
    return call.legs().stream().map(this::of).flatMap(Optional::stream).toList();
  }

  /** The SIP Call-IDs of a live call's legs (for its SIP ladder); empty when no such call lives. */
  Optional<List<String>> sipCallIdsOf(String callId) {
    return calls.byId(callId).map(call -> of(call).stream().map(SipLeg::sipCallId).toList());
  }

  /** The SIP leg that created the call, if it is still there. */
  Optional<SipLeg> first(Call call) {
    return call.firstSipLeg().flatMap(this::of);
  }
}
