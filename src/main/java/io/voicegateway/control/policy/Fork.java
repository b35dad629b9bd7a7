package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Dial;
import io.voicegateway.control.DialOutcome;
import io.voicegateway.control.Dialer;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Scheduler;
import io.voicegateway.control.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Rings several destinations in parallel for one call (RFC 3261 §16.7 done by a B2BUA): one new leg per
 * destination through the {@link Dialer}, all started in one turn once every leg's media is allocated, so none
 * can answer (or draw the 180 the caller cancels on) before the others ring. The first branch offering early
 * media may play it into the call, when the listener takes early media. The first answer wins: its media joins
 * the call and every other branch is cancelled. When every branch fails the outcome is the best final status
 * ({@link ForkOutcome}); when the ring timeout passes first, every branch is cancelled and the outcome is 408. A
 * call torn down meanwhile (the caller's CANCEL) already ends the pending branches: the fork then just stops,
 * and a branch answering after that is hung up.
 */
public final class Fork {
  private static final Logger LOG = Logger.getLogger(Fork.class.getName());

  /** What the owner of the fork (an inbound call, a transfer, click-to-call) does with its progress. */
  public interface Listener {
    /** A branch rings or progresses without media (each time; the listener relays what it wants). */
    void progress(int status);

    /** Whether a branch's early media may play into the call (only a caller that can hear it takes it). */
    default boolean takesEarlyMedia() {
      return false;
    }

    /** {@code branch}'s early media now plays in the call (see {@link #takesEarlyMedia}). */
    default void earlyMedia(Leg branch, int status) {
      progress(status);
    }

    /** {@code winner} answered; its media joined the call. */
    void answered(Leg winner);

    /** No branch answered: the status to give the caller (486 all busy, 408 ring timeout, …). */
    void failed(int status, String reason);
  }

  private final Dialer dialer;
  private final Scheduler scheduler;
  private final Call call;
  private final String callerUser;
  private final Map<String, String> headers;
  private final Listener listener;
  private final List<Branch> branches = new ArrayList<>();
  private final ForkOutcome outcome = new ForkOutcome();
  private boolean settled;
  private Scheduler.Timer timer;
  /** The branch whose early media plays in the call; one at a time, so the caller hears one ringback. */
  private Branch early;

  /** One destination being rung; {@code dial} is null until its media is allocated. */
  private static final class Branch {
    final Destination destination;
    Dial dial;
    boolean over;

    Branch(Destination destination) {
      this.destination = destination;
    }
  }

  /**
   * @param callerUser the user part presented to the destinations (the caller's number); blank means "gateway"
   * @param headers    extra headers for every branch (the caller's X- headers)
   */
  public Fork(Dialer dialer, Scheduler scheduler, Call call, String callerUser, Map<String, String> headers,
      Listener listener) {
    this.dialer = dialer;
    this.scheduler = scheduler;
    this.call = call;
    this.callerUser = callerUser == null || callerUser.isBlank() ? "gateway" : callerUser;
    this.headers = headers;
    this.listener = listener;
  }

  /** Rings every destination; {@code ringTimeout} null or zero rings until the branches give up themselves. */
  public void start(List<? extends Destination> destinations, Duration ringTimeout) {
    if (destinations.isEmpty()) {
      settle();
      listener.failed(Status.TEMPORARILY_UNAVAILABLE, "nobody to ring");
      return;
    }
    if (ringTimeout != null && !ringTimeout.isZero()) {
      timer = scheduler.schedule(ringTimeout, this::timedOut);
    }
    List<Future<Dial>> prepared = new ArrayList<>();
    for (Destination destination : destinations) {
      Branch branch = new Branch(destination);
      branches.add(branch);
      outcome.dialled();
      prepared.add(dialer.prepare(call, destination, callerUser, headers, o -> onOutcome(branch, o)));
    }
    Future.join(prepared).onComplete(done -> {
      for (int i = 0; i < branches.size(); i++) {
        Branch branch = branches.get(i);
        Future<Dial> dial = prepared.get(i);
        if (dial.failed()) {
          LOG.warning("call " + call.id() + ": cannot ring " + branch.destination.label() + ": "
              + dial.cause().getMessage());
          branchFailed(branch, Status.SERVICE_UNAVAILABLE, "no media port");
        } else {
          branch.dial = dial.result();
          if (settled || ended() || branch.over) {
            drop(branch);
          } else {
            branch.dial.start();
          }
        }
      }
    });
  }

  private void onOutcome(Branch branch, DialOutcome outcome) {
    if (outcome instanceof DialOutcome.Ringing ringing) {
      progress(branch, ringing.status(), false);
    } else if (outcome instanceof DialOutcome.EarlyMedia early) {
      progress(branch, early.status(), true);
    } else if (outcome instanceof DialOutcome.Answered) {
      answered(branch);
    } else if (outcome instanceof DialOutcome.Failed failed) {
      branchFailed(branch, failed.status(), failed.reason());
    }
  }

  private void progress(Branch branch, int status, boolean withMedia) {
    if (settled || ended() || branch.over) {
      return;
    }
    if (withMedia && early == null && listener.takesEarlyMedia() && branch.dial.takeEarlyMedia()) {
      early = branch;
      LOG.fine(() -> "call " + call.id() + ": early media from " + branch.destination.label());
      listener.earlyMedia(branch.dial.leg(), status);
      return;
    }
    listener.progress(status);
  }

  private void answered(Branch branch) {
    if (settled || ended() || branch.over) {
      drop(branch); // a second answer, or one that crossed the caller's CANCEL
      return;
    }
    settle();
    branch.dial.join();
    branches.stream().filter(b -> b != branch).forEach(this::drop);
    LOG.fine(() -> "call " + call.id() + " answered by " + branch.destination.label());
    listener.answered(branch.dial.leg());
  }

  private void timedOut() {
    timer = null;
    if (!settled && !ended()) {
      settle();
      branches.forEach(this::drop);
      listener.failed(Status.REQUEST_TIMEOUT, "no answer");
    }
  }

  private void branchFailed(Branch branch, int status, String reason) {
    if (branch.over) {
      return; // the failure our own cancel caused (487)
    }
    LOG.fine(() -> "call " + call.id() + ": " + branch.destination.label() + " " + status + " " + reason);
    outcome.failed(status);
    drop(branch);
    if (!settled && !ended() && outcome.allFailed()) {
      settle();
      listener.failed(outcome.status(), outcome.reason());
    }
  }

  /** A branch we no longer want: the dial cancels it if it rings, hangs it up if it answered, frees it. */
  private void drop(Branch branch) {
    branch.over = true;
    if (branch == early) {
      early = null; // another branch's early media may take its place
    }
    if (branch.dial != null) {
      branch.dial.cancel();
    }
  }

  private boolean ended() {
    return call.state() == CallState.TERMINATED;
  }

  private void settle() {
    settled = true;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
