package io.voicegateway.apps.voicemail;

import io.vertx.core.Future;
import io.voicegateway.apps.AppCall;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** An AppCall on a fake clock: blocking work runs at once, timers when {@link #advance} passes them. */
final class FakeAppCall implements AppCall {
  final List<String> hangups = new ArrayList<>();
  private final String argument;
  private final String callerDevice;
  private final TreeMap<Long, Runnable> timers = new TreeMap<>();
  private long now = 1_800_000_000_000L;
  private long nextTimer;

  FakeAppCall(String argument, String callerDevice) {
    this.argument = argument;
    this.callerDevice = callerDevice;
  }

  /** Runs every timer due within {@code ms}, in time order, moving the clock to each. */
  void advance(long ms) {
    long until = now + ms;
    while (!timers.isEmpty() && timers.firstKey() / 1000 <= until) {
      var due = timers.pollFirstEntry();
      now = Math.max(now, due.getKey() / 1000);
      due.getValue().run();
    }
    now = until;
  }

  int pendingTimers() {
    return timers.size();
  }

  @Override
  public String callId() {
    return "call-1";
  }

  @Override
  public String argument() {
    return argument;
  }

  @Override
  public String caller() {
    return "sip:+4930123@carrier.example";
  }

  @Override
  public String callerDevice() {
    return callerDevice;
  }

  @Override
  public String called() {
    return "sip:100@gw";
  }

  @Override
  public long nowMs() {
    return now;
  }

  @Override
  public Future<Void> hangup(String reason) {
    hangups.add(reason);
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> transfer(String target) {
    return Future.failedFuture("not here");
  }

  @Override
  public Future<Void> replaceWith(String app, String argument) {
    return Future.failedFuture("not here");
  }

  @Override
  public <T> Future<T> blocking(Callable<T> work) {
    try {
      return Future.succeededFuture(work.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public long setTimer(long delayMs, Runnable action) {
    // key: due time in µs plus a sequence, so timers due together keep their order
    long key = (now + delayMs) * 1000 + (nextTimer++ % 1000);
    timers.put(key, action);
    return key;
  }

  @Override
  public void cancelTimer(long timerId) {
    timers.remove(timerId);
  }

  @Override
  public Future<Integer> connect(io.voicegateway.bus.CallCommands.HandOff target) {
    return Future.failedFuture("voicemail never hands its call on");
  }

  @Override
  public void publish(io.voicegateway.bus.CallEventType type, String reason) {}

  @Override
  public java.util.concurrent.Executor executor() {
    return Runnable::run;
  }
}
