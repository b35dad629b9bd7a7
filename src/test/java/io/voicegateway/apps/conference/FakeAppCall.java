package io.voicegateway.apps.conference;

import io.vertx.core.Future;
import io.voicegateway.apps.AppCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** An {@link AppCall} on a hand-stepped clock: timers run on {@link #advance}, blocking work at once, hang-ups recorded. */
final class FakeAppCall implements AppCall {
  final String callId;
  final String argument;
  final List<String> hungUp = new ArrayList<>();
  private final List<Timer> timers = new ArrayList<>();
  private long nowMs;
  private long nextId;

  FakeAppCall(String callId, String argument) {
    this.callId = callId;
    this.argument = argument;
  }

  @Override public String callId() { return callId; }
  @Override public String argument() { return argument; }
  @Override public String caller() { return "sip:" + callId + "@x"; }
  @Override public String callerDevice() { return callId; }
  @Override public String called() { return "sip:conf@gw"; }
  @Override public long nowMs() { return nowMs; }

  @Override
  public Future<Void> hangup(String reason) {
    hungUp.add(reason);
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> transfer(String target) {
    return Future.failedFuture("not in this test");
  }

  @Override
  public Future<Void> replaceWith(String app, String argument) {
    return Future.failedFuture("not in this test");
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
    Timer timer = new Timer(nextId++, nowMs + delayMs, action);
    timers.add(timer);
    return timer.id;
  }

  @Override
  public void cancelTimer(long timerId) {
    timers.removeIf(t -> t.id == timerId);
  }

  /** Moves the clock on, running what falls due in order (and what those schedule, if due too). */
  void advance(long ms) {
    long until = nowMs + ms;
    while (true) {
      Timer next = timers.stream().filter(t -> t.dueMs <= until)
          .min(Comparator.comparingLong((Timer t) -> t.dueMs).thenComparingLong(t -> t.id)).orElse(null);
      if (next == null) {
        break;
      }
      timers.remove(next);
      nowMs = next.dueMs;
      next.action.run();
    }
    nowMs = until;
  }

  private record Timer(long id, long dueMs, Runnable action) {}
}
