package io.voicegateway.sip;

import io.voicegateway.control.Scheduler;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One inbound INVITE's promise of progress: the call it started holds RTP ports, mixer legs and outbound forks only
 * while that INVITE can still be answered. It is released at once (as a CANCEL would: forks get CANCEL, ports go
 * back) when the connection the INVITE came over is gone (TCP, TLS, WebSocket: no response could reach the caller),
 * or when it is still unanswered after {@link #limit}: RFC 3261's Timer C (§16.6 item 11, "greater than 3 minutes"
 * for a proxy's ringing INVITE), shortened by the INVITE's own {@code Expires} (§13.3.1: after it the UAS answers
 * 487). The other timers of the RFC already end what they cover: Timer B our outbound INVITEs (the fork fails), Timer
 * H an answered INVITE never ACKed (the dialog times out and the call ends). Each watch fires at most once; a
 * watch whose INVITE was answered or refused meanwhile releases nothing. Its INVITE's leg ends it with
 * {@link #settled()} when the INVITE gets its final response or the leg goes: a pending Timer C holds the call, its
 * legs and their JAIN-SIP dialogs and transactions, so an answered call's watch left armed kept all of them live for
 * three minutes after the call ended (most of the ~1,000 {@code SIPDialog}s the soak found live). Used on the SIP
 * context.
 */
final class InviteProgressWatch {
  /** RFC 3261 §16.6 item 11: a ringing INVITE's Timer C, "greater than 3 minutes". */
  static final Duration TIMER_C = Duration.ofMinutes(3).plusSeconds(1);

  private final BooleanSupplier unanswered;
  private final Consumer<String> release;
  private final Consumer<InviteProgressWatch> finished;
  private Scheduler.Timer timer;
  private boolean done;

  /**
   * @param unanswered true while the INVITE has no final response (its leg still pending)
   * @param release    ends the call with the reason given (teardown, as for a CANCEL)
   * @param finished   told once when the watch ends, whatever the INVITE became (its owner forgets it)
   */
  InviteProgressWatch(BooleanSupplier unanswered, Consumer<String> release,
      Consumer<InviteProgressWatch> finished) {
    this.unanswered = unanswered;
    this.release = release;
    this.finished = finished;
  }

  /** How long an unanswered INVITE may hold its call: Timer C, or less when its {@code Expires} says so. */
  static Duration limit(Long expiresSeconds) {
    if (expiresSeconds == null || expiresSeconds < 0) {
      return TIMER_C;
    }
    Duration expires = Duration.ofSeconds(expiresSeconds);
    return expires.compareTo(TIMER_C) < 0 ? expires : TIMER_C;
  }

  /** Arms the timer; the INVITE must be answered within {@code limit}. */
  void start(Scheduler scheduler, Duration limit) {
    timer = scheduler.schedule(limit, () -> finish("not answered within " + limit.toSeconds() + " s"));
  }

  /** The INVITE's connection closed: nothing can answer it any more. */
  void transportGone() {
    finish("caller's connection closed");
  }

  /** The INVITE was answered or refused, or its leg left the call: nothing to watch, the timer goes now. */
  void settled() {
    end();
  }

  /** True once it fired, was told its transport went or was settled (then it is no longer watched). */
  boolean done() {
    return done;
  }

  private void finish(String reason) {
    if (end() && unanswered.getAsBoolean()) {
      release.accept(reason);
    }
  }

  /** Ends the watch (timer cancelled, owner told) unless it already ended; true when this call ended it. */
  private boolean end() {
    if (done) {
      return false;
    }
    done = true;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    finished.accept(this);
    return true;
  }
}
