package io.voicegateway.browser;

import io.vertx.core.Future;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.WebRtcCommands.PhoneEvent;
import io.voicegateway.bus.WebRtcCommands.PhoneEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Dial;
import io.voicegateway.control.DialOutcome;
import io.voicegateway.control.Endpoint;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import io.voicegateway.control.Status;
import java.util.function.Consumer;

/**
 * Ringing a dashboard phone: the page is told {@code INCOMING} and answers with its own steps 2 and 3 (or declines).
 * Until then the call holds a stand-in leg with no media (so a caller giving up cancels it like any branch); the
 * answer replaces it with the leg of the linked session, whose media already runs.
 */
final class BrowserDial implements Dial {
  private final Call call;
  private final BrowserTarget target;
  private final String caller;
  private final Consumer<DialOutcome> outcomes;
  private final BrowserParts parts;
  private final Leg standIn = Leg.of(LegKind.WEBRTC, CallDirection.OUTBOUND);
  private Leg leg = standIn;
  private BrowserEndpoint answered;

  private enum Stage { PREPARED, RINGING, ANSWERING, ANSWERED, OVER }

  private Stage stage = Stage.PREPARED;

  BrowserDial(Call call, BrowserTarget target, String caller, Consumer<DialOutcome> outcomes, BrowserParts parts) {
    this.call = call;
    this.target = target;
    this.caller = caller;
    this.outcomes = outcomes;
    this.parts = parts;
    standIn.peer(target.device());
    standIn.endpoint(new Ringing());
    parts.calls().addLeg(call, standIn);
  }

  String callId() {
    return call.id();
  }

  String owner() {
    return target.owner();
  }

  Call call() {
    return call;
  }

  String device() {
    return target.device();
  }

  /** Whether the page may still answer it. */
  boolean ringing() {
    return stage == Stage.RINGING;
  }

  /** Whether the page's answer is on its way (its session moving into the call). */
  boolean answering() {
    return stage == Stage.ANSWERING;
  }

  @Override
  public Leg leg() {
    return leg;
  }

  @Override
  public void start() {
    if (stage != Stage.PREPARED) {
      return;
    }
    if (!parts.ringing().add(this)) {
      stage = Stage.OVER;
      leaveCall();
      outcomes.accept(new DialOutcome.Failed(Status.BUSY_HERE, "already ringing this phone"));
      return;
    }
    stage = Stage.RINGING;
    parts.events().send(owner(), new PhoneEvent(PhoneEventType.INCOMING, call.id(), caller, call.to(), null));
    outcomes.accept(new DialOutcome.Ringing(Status.RINGING));
  }

  /** The page links a session to answer: it no longer rings, and cannot be answered twice. */
  void answering(BrowserEndpoint endpoint) {
    parts.ringing().remove(this);
    stage = Stage.ANSWERING;
    answered = endpoint;
  }

  /**
   * The answering session's media is in the call: its leg takes the stand-in's place and the branch answers (the
   * fork joins it, or cancels it when another branch won in the same turn).
   */
  void answered(Leg sessionLeg) {
    parts.calls().removeLeg(call, standIn);
    leg = sessionLeg;
    stage = Stage.ANSWERED;
    parts.calls().addLeg(call, sessionLeg);
    outcomes.accept(new DialOutcome.Answered());
  }

  /** The page declined, went away, or its answer failed: this branch fails; the others ring on. */
  void refused(int status, String reason) {
    if (stage == Stage.RINGING || stage == Stage.ANSWERING) {
      parts.ringing().remove(this);
      stage = Stage.OVER;
      leaveCall();
      outcomes.accept(new DialOutcome.Failed(status, reason));
    }
  }

  @Override
  public boolean takeEarlyMedia() {
    return false;
  }

  @Override
  public void join() {
    leg.state(LegState.CONNECTED);
  }

  @Override
  public void cancel() {
    if (stage == Stage.OVER) {
      return;
    }
    if (stage == Stage.ANSWERED) {
      answered.hangUp("not answered"); // answered after another branch won: its media goes too
    } else if (stage == Stage.RINGING) {
      parts.ringing().remove(this);
      parts.events().send(owner(), new PhoneEvent(PhoneEventType.CANCELLED, call.id(), null, null, null));
    } // ANSWERING: the link in progress finds the branch over and ends its session
    stage = Stage.OVER;
    leaveCall();
  }

  private void leaveCall() {
    leg.state(LegState.ENDED);
    if (call.state() != CallState.TERMINATED) {
      parts.calls().removeLeg(call, leg);
    }
  }

  /** The stand-in's endpoint: ringing until answered; a hang-up (the caller gave up, the call ended) cancels it. */
  private final class Ringing implements Endpoint {
    @Override
    public void progress(int status) {}

    @Override
    public void earlyMedia() {}

    @Override
    public Future<Void> answer() {
      return Future.failedFuture("a ringing browser answers by linking a session");
    }

    @Override
    public void reject(int status, String reason) {}

    @Override
    public boolean pending() {
      return stage == Stage.RINGING || stage == Stage.ANSWERING;
    }

    @Override
    public Future<Void> hold() {
      return Future.failedFuture("not answered");
    }

    @Override
    public Future<Void> resume() {
      return Future.failedFuture("not answered");
    }

    @Override
    public Future<Void> sendDtmf(String digits) {
      return Future.failedFuture("not answered");
    }

    @Override
    public Future<Void> hangUp(String reason) {
      cancel();
      return Future.succeededFuture();
    }
  }
}
