package io.voicegateway.sip.trace;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.sip.stack.JulServerLogger;
import io.voicegateway.sip.stack.SipStackHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Serves {@link Addresses#SIP_TRACE}: the SIP ladder of a call, asked for by the gateway's call id (or by a
 * SIP Call-ID). A call has one SIP Call-ID per SIP leg; the live ones come from the SIP legs of the call, and those
 * of ended calls from an alias table filled from the call events while the call was alive (bounded like the
 * store). Runs on the SIP verticle's context, which owns the calls.
 */
public final class SipTraceService {
  private final SipTraceStore store;
  /** A live call's id to the SIP Call-IDs of its legs; empty when no such call lives. */
  private final Function<String, Optional<List<String>>> sipCallIdsOf;
  private final Map<String, Set<String>> aliases;

  SipTraceService(SipTraceStore store, Function<String, Optional<List<String>>> sipCallIdsOf, int maxCalls) {
    this.store = store;
    this.sipCallIdsOf = sipCallIdsOf;
    this.aliases = new LinkedHashMap<>(64, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
        return size() > maxCalls;
      }
    };
  }

  /**
   * Attaches a recorder with a default-sized store to the stack's message logger and serves the ladder;
   * call on the SIP verticle's context.
   */
  public static SipTraceService start(Vertx vertx, SipStackHandle stack,
      Function<String, Optional<List<String>>> sipCallIdsOf) {
    SipTraceService service = new SipTraceService(SipTraceStore.defaults(), sipCallIdsOf, SipTraceStore.DEFAULT_CALLS);
    JulServerLogger.of(stack.stack()).recordTo(new SipTraceRecorder(service.store));
    vertx.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, msg -> service.remember(msg.body()));
    vertx.eventBus().<String>consumer(Addresses.SIP_TRACE, service::reply);
    return service;
  }

  /** Notes the SIP Call-IDs of the event's call, so its ladder stays findable after it ends. */
  void remember(CallEvent event) {
    Set<String> ids = aliases.computeIfAbsent(event.callId(), k -> new LinkedHashSet<>());
    if (event.sipCallId() != null) {
      ids.add(event.sipCallId());
    }
    sipCallIdsOf.apply(event.callId()).ifPresent(ids::addAll);
  }

  /** Every recorded message of the call (or SIP Call-ID), in time order; empty when nothing is known. */
  public List<SipTraceEntry> ladder(String id) {
    Set<String> ids = new LinkedHashSet<>(aliases.getOrDefault(id, Set.of()));
    sipCallIdsOf.apply(id).ifPresent(ids::addAll);
    if (ids.isEmpty()) {
      ids.add(id);
    }
    List<SipTraceEntry> out = new ArrayList<>();
    ids.forEach(sipCallId -> out.addAll(store.messages(sipCallId)));
    out.sort(Comparator.comparingLong(SipTraceEntry::timeMs)); // stable: same-ms messages keep their order
    return out;
  }

  public SipTraceStore store() {
    return store;
  }

  private void reply(Message<String> msg) {
    String id = msg.body();
    List<SipTraceEntry> ladder = id == null || id.isBlank() ? List.of() : ladder(id);
    if (ladder.isEmpty() && sipCallIdsOf.apply(id).isEmpty() && !aliases.containsKey(id)) {
      msg.fail(404, "no SIP messages recorded for " + id);
      return;
    }
    JsonArray out = new JsonArray();
    ladder.forEach(e -> out.add(e.toJson()));
    msg.reply(out);
  }
}
