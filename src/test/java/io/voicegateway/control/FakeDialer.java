package io.voicegateway.control;

import io.voicegateway.bus.CallDirection;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link Dialer} whose far sides the test plays: each prepared dial is a {@link FakeDial} that records what
 * control asked of it, and through which the test reports ringing, early media, answers and failures.
 */
public final class FakeDialer implements Dialer {
  public final List<FakeDial> dials = new ArrayList<>();
  /** Labels of destinations whose media cannot be allocated. */
  public final List<String> noMedia = new ArrayList<>();

  @Override
  public Future<Dial> prepare(Call call, Destination destination, String caller, Map<String, String> headers,
      Consumer<DialOutcome> outcomes) {
    if (noMedia.contains(destination.label())) {
      return Future.failedFuture("no media port");
    }
    FakeDial dial = new FakeDial(call, destination, caller, outcomes);
    dials.add(dial);
    return Future.succeededFuture(dial);
  }

  public FakeDial dial(String label) {
    return dials.stream().filter(d -> d.destination.label().equals(label)).findFirst().orElseThrow();
  }

  /** A destination by name. */
  public record Named(String label) implements Destination {}

  public static final class FakeDial implements Dial {
    public final Call call;
    public final Destination destination;
    public final String caller;
    private final Consumer<DialOutcome> outcomes;
    private final Leg leg = Leg.of(LegKind.SIP, CallDirection.OUTBOUND);
    public boolean started;
    public boolean joined;
    public boolean cancelled;
    public boolean earlyMediaTaken;
    /** Whether {@link #takeEarlyMedia} succeeds (the offered media is usable). */
    public boolean earlyMediaUsable = true;

    FakeDial(Call call, Destination destination, String caller, Consumer<DialOutcome> outcomes) {
      this.call = call;
      this.destination = destination;
      this.caller = caller;
      this.outcomes = outcomes;
      call.addLeg(leg);
    }

    public void ringing() {
      outcomes.accept(new DialOutcome.Ringing(Status.RINGING));
    }

    public void earlyMedia() {
      outcomes.accept(new DialOutcome.EarlyMedia(Status.SESSION_PROGRESS));
    }

    public void answer() {
      outcomes.accept(new DialOutcome.Answered());
    }

    public void fail(int status) {
      outcomes.accept(new DialOutcome.Failed(status, "test"));
    }

    @Override
    public Leg leg() {
      return leg;
    }

    @Override
    public void start() {
      started = true;
    }

    @Override
    public boolean takeEarlyMedia() {
      earlyMediaTaken = earlyMediaUsable;
      return earlyMediaUsable;
    }

    @Override
    public void join() {
      joined = true;
    }

    @Override
    public void cancel() {
      if (!cancelled) {
        cancelled = true;
        call.removeLeg(leg);
        // what a real far side does when its ringing INVITE is cancelled
        if (!joined) {
          outcomes.accept(new DialOutcome.Failed(Status.REQUEST_TERMINATED, "cancelled"));
        }
      }
    }
  }
}
