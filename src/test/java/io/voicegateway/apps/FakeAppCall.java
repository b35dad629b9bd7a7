package io.voicegateway.apps;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.CallEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The {@link AppCall} every app's unit tests drive: a hand-stepped clock whose timers run on {@link #advance} (in
 * due order, then in the order they were set), blocking work at once (or held until {@link #finishBlocking} with
 * {@link #deferBlocking}), hand-offs that wait for {@link #handOffAnswers}, and a record of all the app asked for.
 * Tasks for the app's executor run at once: the test is the app's event loop.
 */
public class FakeAppCall implements AppCall {
  public final List<String> hangups = new ArrayList<>();
  public final List<String> replacedBy = new ArrayList<>();
  /** The {@code reason} of each event the app published (IVR steps). */
  public final List<String> steps = new ArrayList<>();
  public final List<CallCommands.HandOff> handOffs = new ArrayList<>();
  public String caller = "sip:+4930123@carrier.example";
  public String callerDevice;
  public String called = "sip:100@gw";
  public boolean deferBlocking;

  private final String callId;
  private final String argument;
  private final List<Promise<Integer>> handOffResults = new ArrayList<>();
  /** Keyed by due time in µs plus a sequence, so timers due together keep the order they were set in. */
  private final TreeMap<Long, Runnable> timers = new TreeMap<>();
  private final List<Runnable> deferred = new ArrayList<>();
  private long now;
  private long sequence;

  public FakeAppCall(String callId, String argument) {
    this.callId = callId;
    this.argument = argument;
  }

  /** Starts the clock at {@code epochMs} (apps that stamp what they store). */
  public FakeAppCall at(long epochMs) {
    now = epochMs;
    return this;
  }

  /** Moves the clock on by {@code ms}, running each timer that falls due (and what those set, if due too). */
  public void advance(long ms) {
    long until = now + ms;
    while (!timers.isEmpty() && timers.firstKey() / 1000 <= until) {
      var due = timers.pollFirstEntry();
      now = Math.max(now, due.getKey() / 1000);
      due.getValue().run();
    }
    now = until;
  }

  public int pendingTimers() {
    return timers.size();
  }

  /** Settles the latest hand-off with {@code status}. */
  public void handOffAnswers(int status) {
    handOffResults.get(handOffResults.size() - 1).complete(status);
  }

  /** Completes the blocking work held back by {@link #deferBlocking}, oldest first. */
  public void finishBlocking() {
    List<Runnable> held = List.copyOf(deferred);
    deferred.clear();
    held.forEach(Runnable::run);
  }

  @Override
  public String callId() {
    return callId;
  }

  @Override
  public String argument() {
    return argument;
  }

  @Override
  public String caller() {
    return caller;
  }

  @Override
  public String callerDevice() {
    return callerDevice;
  }

  @Override
  public String called() {
    return called;
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
    return Future.failedFuture("apps hand their calls on through call control (connect), never by REFER");
  }

  @Override
  public Future<Void> replaceWith(String app, String appArgument) {
    replacedBy.add(appArgument == null ? app : app + " " + appArgument);
    return Future.succeededFuture();
  }

  @Override
  public <T> Future<T> blocking(Callable<T> work) {
    if (!deferBlocking) {
      return run(work);
    }
    Promise<T> promise = Promise.promise();
    deferred.add(() -> run(work).onComplete(promise));
    return promise.future();
  }

  private static <T> Future<T> run(Callable<T> work) {
    try {
      return Future.succeededFuture(work.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public long setTimer(long delayMs, Runnable action) {
    long key = (now + delayMs) * 1000 + (sequence++ % 1000);
    timers.put(key, action);
    return key;
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
