package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.voicegateway.sip.registrar.Binding;
import io.voicegateway.sip.registrar.Bindings;
import io.voicegateway.sip.registrar.QualifyStatus;
import io.voicegateway.sip.registrar.Reachability;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * OPTIONS qualify of the registered devices: every {@code media.keepalive_interval} an OPTIONS goes to each
 * live binding at {@link Binding#reachUri()} (the NAT source it registered from, which also keeps that NAT
 * pinhole open). Any final response counts as reachable and gives the round-trip time; {@value #DOWN_AFTER}
 * unanswered in a row make the binding unreachable until it answers again. A binding not yet qualified is
 * reachable. Lives in this package for {@link RequestFactory} and {@link ClientRequests}; the bookkeeping is
 * the pure {@link Reachability}. Used on the SIP context.
 */
public final class BindingQualifier {
  private static final Logger LOG = Logger.getLogger(BindingQualifier.class.getName());
  /** Unanswered OPTIONS in a row that make a binding unreachable. */
  static final int DOWN_AFTER = 3;
  /** Longest wait for an answer: much shorter than Timer F (32 s), so a dead phone shows within a minute. */
  static final long MAX_WAIT_MS = 5000;

  /** A live binding and what the qualify knows of it, for the API. */
  public record BindingStatus(Binding binding, QualifyStatus status) {}

  private final Supplier<List<Binding>> live;
  private final Function<Binding, Future<Response>> ping;
  private final Reachability reachability;
  private final LongSupplier nanoTime;
  private final long intervalMs;
  /** Bindings whose OPTIONS is still out: not pinged twice at once. */
  private final Set<String> inFlight = new HashSet<>();
  private Vertx vertx;
  private long timerId = -1;

  /**
   * @param live         the live bindings (the registrar's location service)
   * @param ping         sends one OPTIONS to a binding; the future has its final response or fails (no answer)
   * @param interval     time between rounds; zero or null: no qualify
   * @param reachability where outcomes are kept
   * @param nanoTime     monotonic time for the round-trip times
   */
  BindingQualifier(Supplier<List<Binding>> live, Function<Binding, Future<Response>> ping, Duration interval,
      Reachability reachability, LongSupplier nanoTime) {
    this.live = live;
    this.ping = ping;
    this.intervalMs = interval == null ? 0 : interval.toMillis();
    this.reachability = reachability;
    this.nanoTime = nanoTime;
  }

  /** The gateway's qualifier: the registrar's {@code bindings}, every {@code interval} (media.keepalive_interval). */
  static BindingQualifier of(Duration interval, Bindings bindings, RequestFactory requests, ClientRequests client,
      Clock clock) {
    long waitMs = interval == null ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, interval.toMillis());
    return new BindingQualifier(bindings::all, options(requests, client, waitMs),
        interval, new Reachability(DOWN_AFTER, clock), System::nanoTime);
  }

  /** OPTIONS built by {@code requests}, sent by {@code client}, given up on after {@code waitMs}. */
  static Function<Binding, Future<Response>> options(RequestFactory requests, ClientRequests client, long waitMs) {
    return binding -> {
      try {
        Request options = requests.create(Request.OPTIONS, binding.reachUri(), "gateway", requests.newCallId(),
            SipMessages.newTag(), Map.of());
        return client.send(options, null, null).timeout(waitMs, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    };
  }

  /** Qualifies every binding each interval from now on; nothing when the interval is zero. */
  public void start(Vertx vertx) {
    this.vertx = vertx;
    if (intervalMs > 0) {
      timerId = vertx.setPeriodic(intervalMs, id -> qualifyAll());
    }
  }

  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  /** False only for a binding that stopped answering OPTIONS; forking should skip it. */
  public boolean reachable(Binding binding) {
    return reachability.reachable(binding);
  }

  /** Every live binding with its qualify status, in registration order per device. */
  public List<BindingStatus> statuses() {
    return live.get().stream().map(b -> new BindingStatus(b, reachability.status(b))).toList();
  }

  /** One round: an OPTIONS to each live binding that has none outstanding. */
  void qualifyAll() {
    List<Binding> bindings = live.get();
    reachability.retain(bindings);
    for (Binding b : bindings) {
      String key = b.deviceId() + " " + b.contact() + " " + b.source();
      if (!inFlight.add(key)) {
        continue;
      }
      long sentAt = nanoTime.getAsLong();
      ping.apply(b).onComplete(ar -> {
        inFlight.remove(key);
        boolean wasReachable = reachability.reachable(b);
        if (ar.succeeded()) {
          reachability.answered(b, TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - sentAt));
        } else {
          LOG.log(Level.FINE, ar.cause(), () -> "OPTIONS to " + b.reachUri() + " unanswered");
          reachability.missed(b);
        }
        boolean nowReachable = reachability.reachable(b);
        if (wasReachable != nowReachable) {
          LOG.info(() -> "device " + b.deviceId() + " at " + b.source() + " is "
              + (nowReachable ? "reachable again" : "unreachable: " + DOWN_AFTER + " OPTIONS unanswered"));
        }
      });
    }
  }
}
