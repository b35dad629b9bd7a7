package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusReplies;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.CallQueries;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.bus.TrunkQueries;
import io.voicegateway.bus.TrunkRegistrationEvent;
import io.voicegateway.config.ProviderConfig;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallFailure;
import io.voicegateway.sip.registrar.Binding;
import io.voicegateway.sip.registrar.Registrar;
import io.voicegateway.sip.trunk.TrunkRegistration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Call control's answers to the edges (REST API, dashboard, bridges, history, media timeouts): every request on
 * the addresses of {@code bus.CallCommands}, {@code CallQueries}, {@code DeviceQueries} and {@code TrunkQueries},
 * plus hang-up and transfer. The one place the edges' typed requests meet the SIP side ({@link UacService}, the registrar, the
 * qualifier, the trunk registrations), so moving call control elsewhere moves this file.
 *
 * <p>Every request gets an answer: a reply record, or a failure whose code is the HTTP status the API should
 * give ({@link #failureCode}); work that throws becomes a 500, never a request left waiting. The consumers are
 * registered from the SIP verticle's start, so they run on its context, where the registrar and the calls live.
 */
public final class ControlBusApi {

  private final UacService uac;
  private final Registrar registrar;
  private final BindingQualifier qualifier;
  private final Function<String, Optional<TrunkRegistration>> trunks;
  private final List<ProviderConfig> providers;
  private final CallRegistry calls;
  private final SipLegs legs;
  private final LongSupplier clock;

  private ControlBusApi(UacService uac, Registrar registrar, BindingQualifier qualifier,
      Function<String, Optional<TrunkRegistration>> trunks, List<ProviderConfig> providers, CallRegistry calls,
      SipLegs legs, LongSupplier clock) {
    this.calls = calls;
    this.legs = legs;
    this.clock = clock;
    this.uac = uac;
    this.registrar = registrar;
    this.qualifier = qualifier;
    this.trunks = trunks;
    this.providers = providers;
  }

  /**
   * Registers every consumer on the caller's context; the future completes when all are registered.
   *
   * @param trunks the running registration a provider uses, by provider id
   * @param clock  wall-clock milliseconds: the calls' and the bindings' times are on it
   */
  static Future<?> register(Vertx vertx, UacService uac, Registrar registrar, BindingQualifier qualifier,
      Function<String, Optional<TrunkRegistration>> trunks, List<ProviderConfig> providers, CallRegistry calls,
      SipLegs legs, LongSupplier clock) {
    ControlBusApi api = new ControlBusApi(uac, registrar, qualifier, trunks, providers, calls, legs, clock);
    var bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = List.of(
        bus.<SipCommands.Hangup>consumer(Addresses.SIP_HANGUP, msg -> answer(msg, api::hangup)),
        bus.<SipCommands.Transfer>consumer(Addresses.SIP_TRANSFER, msg -> answer(msg, api::transfer)),
        bus.<CallCommands.Originate>consumer(Addresses.CALL_ORIGINATE, msg -> answer(msg, api::originate)),
        bus.<CallCommands.ClickToCall>consumer(Addresses.CALL_CLICK_TO_CALL, msg -> answer(msg, api::clickToCall)),
        bus.<CallCommands.Hold>consumer(Addresses.CALL_HOLD, msg -> answer(msg, h ->
            uac.hold(h.callId()).map(v -> new CallCommands.Done(h.callId())))),
        bus.<CallCommands.Resume>consumer(Addresses.CALL_RESUME, msg -> answer(msg, r ->
            uac.resume(r.callId()).map(v -> new CallCommands.Done(r.callId())))),
        bus.<CallCommands.SendDigits>consumer(Addresses.CALL_DTMF, msg -> answer(msg, d ->
            uac.sendDigits(d.callId(), d.digits()).map(v -> new CallCommands.Done(d.callId())))),
        bus.<CallCommands.HandOff>consumer(Addresses.CALL_HAND_OFF, msg -> answer(msg, h ->
            uac.handOff(h).map(status -> new CallCommands.HandedOff(h.callId(), status)))),
        bus.<DeviceQueries.BindingsQuery>consumer(Addresses.DEVICE_BINDINGS, msg -> answer(msg, api::bindings)),
        bus.<DeviceQueries.QualifyQuery>consumer(Addresses.DEVICE_QUALIFY, msg -> answer(msg, api::qualify)),
        bus.<TrunkQueries.StatesQuery>consumer(Addresses.TRUNK_STATES, msg -> answer(msg, api::trunkStates)),
        bus.<CallQueries.ActiveCallsQuery>consumer(Addresses.SIP_CALLS, msg -> answer(msg, api::activeCalls)),
        // conf10: three-way calling, decided by control's AddParty/DropParty
        bus.<CallCommands.AddLeg>consumer(Addresses.CALL_LEGS_ADD, msg -> answer(msg, a ->
            uac.addParty(a.callId(), a.target()).map(legId -> new CallCommands.LegAdded(a.callId(), legId)))),
        bus.<CallCommands.DropLeg>consumer(Addresses.CALL_LEGS_DROP, msg -> answer(msg, d ->
            uac.dropParty(d.callId(), d.legId()).map(v -> new CallCommands.Done(d.callId())))));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private Future<CallCommands.Done> hangup(SipCommands.Hangup h) {
    String reason = h.reason() == null ? "hangup" : h.reason();
    return uac.hangup(h.callId(), reason).map(v -> new CallCommands.Done(h.callId()));
  }

  private Future<CallCommands.Transferred> transfer(SipCommands.Transfer t) {
    return uac.refer(t.callId(), t.target()).map(status -> new CallCommands.Transferred(t.callId(), status));
  }

  private Future<CallCommands.Originated> originate(CallCommands.Originate o) {
    return uac.originate(new OutboundCall(o.target(), o.app(), null, null, o.headers(), o.app()))
        .map(CallCommands.Originated::new);
  }

  private Future<CallCommands.Originated> clickToCall(CallCommands.ClickToCall c) {
    return uac.originateFromDevice(c.device(), c.number(), c.headers()).map(CallCommands.Originated::new);
  }

  /** Every active call, or the one asked for (none when it is unknown or ended: the API says 404). */
  private Future<CallQueries.ActiveCalls> activeCalls(CallQueries.ActiveCallsQuery q) {
    long now = clock.getAsLong();
    List<Call> asked = q.callId() == null ? List.copyOf(calls.calls())
        : calls.byId(q.callId()).map(List::of).orElse(List.of());
    return Future.succeededFuture(new CallQueries.ActiveCalls(asked.stream()
        .map(call -> ActiveCallSnapshot.of(call, legs::of, now)).toList()));
  }

  private Future<DeviceQueries.Bindings> bindings(DeviceQueries.BindingsQuery q) {
    long now = clock.getAsLong(); // the registrar's bindings expire on this clock
    List<DeviceQueries.Binding> live = registrar.contactsOf(q.device()).stream()
        .map(b -> binding(b, now)).toList();
    OptionalLong lastSeen = registrar.lastSeen(q.device());
    return Future.succeededFuture(new DeviceQueries.Bindings(q.device(), live,
        lastSeen.isPresent() ? lastSeen.getAsLong() : null));
  }

  private Future<DeviceQueries.QualifyStatuses> qualify(DeviceQueries.QualifyQuery q) {
    long now = System.currentTimeMillis();
    return Future.succeededFuture(new DeviceQueries.QualifyStatuses(qualifier.statuses().stream()
        .map(st -> new DeviceQueries.Qualified(binding(st.binding(), now), st.status().reachable(),
            st.status().rttMs(), st.status().missed(), st.status().lastAnswerMs(), st.status().lastCheckMs()))
        .toList()));
  }

  private Future<TrunkQueries.States> trunkStates(TrunkQueries.StatesQuery q) {
    Map<String, TrunkRegistrationEvent> states = new LinkedHashMap<>();
    providers.forEach(p -> trunks.apply(p.id()).ifPresent(trunk -> states.put(p.id(), trunk.snapshot())));
    return Future.succeededFuture(new TrunkQueries.States(states));
  }

  private static DeviceQueries.Binding binding(Binding b, long now) {
    return new DeviceQueries.Binding(b.deviceId(), b.contact(), b.source().host(), b.source().port(),
        b.source().transport(), b.reachUri(), b.remainingSeconds(now));
  }

  /** Runs the work and answers the request with its result or its failure; a throw is a 500, not silence. */
  static <Q, R> void answer(Message<Q> msg, Function<Q, Future<R>> work) {
    BusReplies.answer(msg, work, ControlBusApi::failureCode, failure -> failureMessage(failure, failureCode(failure)));
  }

  /**
   * The HTTP status a failure means to the API: what the SIP side sees (the peer's final response, 408 for no
   * answer, 481 no confirmed dialog yet, 480 device not registered) said as what the API caller can act on.
   */
  static int failureCode(Throwable failure) {
    if (!(failure instanceof CallFailure uac)) {
      return 500;
    }
    return switch (uac.status()) {
      case 400, 403, 404 -> uac.status();
      case 408 -> 504;
      case 480, 481 -> 409;
      case 503 -> 503;
      default -> 502;
    };
  }

  private static String failureMessage(Throwable failure, int code) {
    String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return switch (code) {
      case 502 -> "the peer answered " + text;
      case 504 -> "no answer from the peer (" + text + ")";
      default -> text;
    };
  }
}
