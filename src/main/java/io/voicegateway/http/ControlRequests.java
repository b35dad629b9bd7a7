package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.AppQueries;
import io.voicegateway.bus.CallBus;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.bus.TrunkQueries;
import io.voicegateway.bus.WebRtcCommands;
import java.util.List;
import java.util.Map;

/**
 * The API's way to call control: one typed request per operation on its bus address. Nothing here knows where
 * call control runs (this JVM or another node); its failures arrive as {@code ReplyException}s whose code is
 * the HTTP status ({@link ApiErrors}).
 */
final class ControlRequests {
  /** An originate or click-to-call waits for the callee to answer: ring timeouts are longer than the default 30 s. */
  private static final DeliveryOptions ANSWER_WAIT = new DeliveryOptions().setSendTimeout(120_000);
  /** Re-INVITE and REFER wait for the peer's final answer (Timer B is 32 s). */
  private static final DeliveryOptions PEER_WAIT = new DeliveryOptions().setSendTimeout(40_000);
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(5_000);

  private final Vertx vertx;
  private final CallBus calls;

  ControlRequests(Vertx vertx, CallBus calls) {
    this.vertx = vertx;
    this.calls = calls;
  }

  /** Calls {@code target} (a SIP URI) and attaches {@code app} once answered; the new call's id. */
  Future<String> originate(String target, String app, Map<String, String> headers) {
    return this.<CallCommands.Originated>ask(Addresses.CALL_ORIGINATE,
        new CallCommands.Originate(target, app, headers), ANSWER_WAIT).map(CallCommands.Originated::callId);
  }

  Future<String> clickToCall(String device, String number, Map<String, String> headers) {
    return this.<CallCommands.Originated>ask(Addresses.CALL_CLICK_TO_CALL,
        new CallCommands.ClickToCall(device, number, headers), ANSWER_WAIT).map(CallCommands.Originated::callId);
  }

  /** Step 1 of a dashboard phone's call: a pending call to {@code number}, linked by any authenticated page. */
  Future<String> phoneCall(String number, Map<String, String> headers) {
    return this.<WebRtcCommands.PhoneCallCreated>ask(Addresses.WEBRTC_CALL,
        new WebRtcCommands.PhoneCall(null, number, headers), QUICK).map(WebRtcCommands.PhoneCallCreated::callId);
  }

  Future<CallCommands.Done> hangup(String callId, String reason) {
    return calls.toOwner(Addresses.SIP_HANGUP, callId, new SipCommands.Hangup(callId, reason), PEER_WAIT);
  }

  Future<CallCommands.Done> hold(String callId) {
    return calls.toOwner(Addresses.CALL_HOLD, callId, new CallCommands.Hold(callId), PEER_WAIT);
  }

  Future<CallCommands.Done> resume(String callId) {
    return calls.toOwner(Addresses.CALL_RESUME, callId, new CallCommands.Resume(callId), PEER_WAIT);
  }

  /** RFC 4733 digits into the call; call control picks who hears them. */
  Future<CallCommands.Done> sendDigits(String callId, String digits) {
    return calls.toOwner(Addresses.CALL_DTMF, callId, new CallCommands.SendDigits(callId, digits), QUICK);
  }

  Future<CallCommands.Transferred> transfer(String callId, String target) {
    return calls.toOwner(Addresses.SIP_TRANSFER, callId, new SipCommands.Transfer(callId, target), PEER_WAIT);
  }

  Future<DeviceQueries.Bindings> bindings(String device) {
    return ask(Addresses.DEVICE_BINDINGS, new DeviceQueries.BindingsQuery(device), QUICK);
  }

  Future<TrunkQueries.States> trunkStates() {
    return ask(Addresses.TRUNK_STATES, new TrunkQueries.StatesQuery(), QUICK);
  }

  /** The names of the apps the catalog has. */
  Future<List<String>> apps() {
    return this.<AppQueries.AppList>ask(Addresses.APPS_LIST, new AppQueries.ListQuery(), QUICK)
        .map(AppQueries.AppList::names);
  }

  private <R> Future<R> ask(String address, Record request, DeliveryOptions options) {
    return vertx.eventBus().<R>request(address, request, options).map(Message::body);
  }
}
