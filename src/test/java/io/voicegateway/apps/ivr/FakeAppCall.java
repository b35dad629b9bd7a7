package io.voicegateway.apps.ivr;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.apps.AppCall;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.CallEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * An {@link AppCall} the test drives: blocking work runs at once, timers fire when the test advances the fake
 * clock, hand-offs wait for the test to settle them, and everything the app asked for is recorded.
 */
final class FakeAppCall implements AppCall {
  private final String argument;
  private long now;
  private long nextTimer;
  private final Map<Long, Timer> timers = new TreeMap<>();
  final List<String> steps = new ArrayList<>();
  final List<String> hangups = new ArrayList<>();
  final List<String> replacedBy = new ArrayList<>();
  final List<CallCommands.HandOff> handOffs = new ArrayList<>();
  final List<Promise<Integer>> handOffResults = new ArrayList<>();

  private record Timer(long dueMs, Runnable action) {}

  FakeAppCall(String argument) {
    this.argument = argument;
  }

  /** Moves the clock, firing every timer that falls due, in order. */
  void advance(long ms) {
    long until = now + ms;
    while (true) {
      Map.Entry<Long, Timer> due = null;
      for (Map.Entry<Long, Timer> e : timers.entrySet()) {
        if (e.getValue().dueMs() <= until && (due == null || e.getValue().dueMs() < due.getValue().dueMs())) {
          due = e;
        }
      }
      if (due == null) {
        break;
      }
      timers.remove(due.getKey());
      now = due.getValue().dueMs();
      due.getValue().action().run();
    }
    now = until;
  }

  int pendingTimers() {
    return timers.size();
  }

  /** Settles the latest hand-off with {@code status}. */
  void handOffAnswers(int status) {
    handOffResults.get(handOffResults.size() - 1).complete(status);
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
    return "sip:+4930777@trunk";
  }

  @Override
  public String callerDevice() {
    return null;
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
    throw new UnsupportedOperationException("the IVR hands off through call control, never by REFER");
  }

  @Override
  public Future<Void> replaceWith(String app, String argument) {
    replacedBy.add(argument == null ? app : app + " " + argument);
    return Future.succeededFuture();
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
    long id = nextTimer++;
    timers.put(id, new Timer(now + delayMs, action));
    return id;
  }

  @Override
  public void cancelTimer(long timerId) {
    timers.remove(timerId);
  }

  @Override
  public Future<Integer> connect(CallCommands.HandOff target) {
    handOffs.add(target);
    Promise<Integer> result = Promise.promise();
    handOffResults.add(result);
    return result.future();
  }

  @Override
  public void publish(CallEventType type, String reason) {
    steps.add(reason);
  }

  @Override
  public Executor executor() {
    return Runnable::run;
  }
}
