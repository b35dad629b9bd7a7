package io.voicegateway.apps;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.voicegateway.bus.Addresses;
import io.vertx.core.Context;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.MediaCommands.AppAttach;
import io.voicegateway.bus.SipCommands;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/** The gateway's side of {@link AppCall}: call control over the bus, workers and timers from Vert.x. */
final class BusAppCall implements AppCall {
  /** How much longer than its ring timeout a hand-off may take (setting up the new leg, a slow trunk's final). */
  static final long HAND_OFF_MARGIN_MS = 30_000;

  private final Vertx vertx;
  private final AppAttach attach;
  private final LongSupplier clock;
  private final BiFunction<String, String, Future<Void>> replace;
  private final Runnable handedOff;
  private final Context context;

  /**
   * @param replace   starts another app of the catalog on this call (the verticle's own attach)
   * @param handedOff ends this session once {@link #connect} handed the call to someone else
   */
  BusAppCall(Vertx vertx, AppAttach attach, LongSupplier clock, BiFunction<String, String, Future<Void>> replace,
      Runnable handedOff) {
    this.vertx = vertx;
    this.attach = attach;
    this.clock = clock;
    this.replace = replace;
    this.handedOff = handedOff;
    this.context = vertx.getOrCreateContext();
  }

  @Override
  public String callId() {
    return attach.callId();
  }

  @Override
  public String argument() {
    return attach.argument();
  }

  @Override
  public String caller() {
    return attach.caller();
  }

  @Override
  public String callerDevice() {
    return attach.callerDevice();
  }

  @Override
  public String called() {
    return attach.called();
  }

  @Override
  public long nowMs() {
    return clock.getAsLong();
  }

  @Override
  public Future<Void> hangup(String reason) {
    return vertx.eventBus().request(Addresses.SIP_HANGUP, new SipCommands.Hangup(callId(), reason)).mapEmpty();
  }

  @Override
  public Future<Integer> transfer(String target) {
    return vertx.eventBus().<CallCommands.Transferred>request(Addresses.SIP_TRANSFER,
        new SipCommands.Transfer(callId(), target)).map(msg -> msg.body().status());
  }

  @Override
  public Future<Void> replaceWith(String app, String appArgument) {
    return replace.apply(app, appArgument);
  }

  @Override
  public <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  @Override
  public long setTimer(long delayMs, Runnable action) {
    return vertx.setTimer(delayMs, id -> action.run());
  }

  @Override
  public void cancelTimer(long timerId) {
    vertx.cancelTimer(timerId);
  }

  @Override
  public Future<Integer> connect(CallCommands.HandOff target) {
    // a long ring must not time the request out: the fork's own ring timeout ends it
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(target.ringTimeoutMs() + HAND_OFF_MARGIN_MS);
    return vertx.eventBus().<CallCommands.HandedOff>request(Addresses.CALL_HAND_OFF, target, options)
        .map(msg -> {
          int status = msg.body().status();
          if (status == 200) {
            handedOff.run();
          }
          return status;
        });
  }

  @Override
  public void publish(CallEventType type, String reason) {
    vertx.eventBus().publish(Addresses.CALL_EVENTS, new CallEvent(type, callId(), null, caller(), called(), null,
        Map.of(), nowMs(), null, 0, reason));
  }

  @Override
  public Executor executor() {
    return task -> context.runOnContext(v -> task.run());
  }
}
