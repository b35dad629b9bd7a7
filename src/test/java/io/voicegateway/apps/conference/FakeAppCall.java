package io.voicegateway.apps.conference;

import io.vertx.core.Future;
import io.voicegateway.apps.AppCall;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** An {@link AppCall} on a hand-stepped clock: timers run on {@link #advance}, blocking work at once, hang-ups recorded. */
final class FakeAppCall implements AppCall {
  final String callId;
  final String argument;
  final List<String> hungUp = new ArrayList<>();
  private final TreeMap<Long, List<Runnable>> timers = new TreeMap<>();
  private final java.util.Map<Long, Long> dueOf = new java.util.HashMap<>();
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
    long id = nextId++;
    long due = nowMs + delayMs;
    timers.computeIfAbsent(due, d -> new ArrayList<>()).add(tagged(id, action));
    dueOf.put(id, due);
    return id;
  }

  private final java.util.Map<Runnable, Long> ids = new java.util.IdentityHashMap<>();

  private Runnable tagged(long id, Runnable action) {
    Runnable r = action::run;
    ids.put(r, id);
    return r;
  }

  @Override
  public void cancelTimer(long timerId) {
    Long due = dueOf.remove(timerId);
    if (due != null && timers.containsKey(due)) {
      timers.get(due).removeIf(r -> ids.get(r) == timerId);
    }
  }

  /** Moves the clock on, running what falls due (and what those schedule, if due too). */
  void advance(long ms) {
    long until = nowMs + ms;
    while (!timers.isEmpty() && timers.firstKey() <= until) {
      var first = timers.pollFirstEntry();
      nowMs = first.getKey();
      for (Runnable r : first.getValue()) {
        dueOf.remove(ids.remove(r));
        r.run();
      }
    }
    nowMs = until;
  }
}
