package io.voicegateway.apps;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.MediaCommands.AppAttach;
import io.voicegateway.bus.SipCommands;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/** The gateway's side of {@link AppCall}: call control over the bus, workers and timers from Vert.x. */
final class BusAppCall implements AppCall {
  private final Vertx vertx;
  private final AppAttach attach;
  private final LongSupplier clock;
  private final BiFunction<String, String, Future<Void>> replace;

  /** @param replace starts another app of the catalog on this call (the verticle's own attach) */
  BusAppCall(Vertx vertx, AppAttach attach, LongSupplier clock, BiFunction<String, String, Future<Void>> replace) {
    this.vertx = vertx;
    this.attach = attach;
    this.clock = clock;
    this.replace = replace;
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
}
