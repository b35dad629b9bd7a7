package io.voicegateway.sip;

import io.voicegateway.control.Call;
import io.voicegateway.control.Scheduler;
import io.voicegateway.sip.registrar.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;

/**
 * The {@link InviteProgressWatch}es of the inbound INVITEs not yet answered, by the connection they came over, so
 * that a closed TCP, TLS or WebSocket connection releases the calls it carried at once. A watch leaves when it fires
 * (its limit, or its connection gone). Used on the SIP context.
 */
final class InviteProgressWatches {
  private static final Set<String> CONNECTIONS = Set.of("tcp", "tls", "ws", "wss");

  private final Scheduler scheduler;
  private final BiConsumer<Call, String> release;
  private final Map<Source, List<InviteProgressWatch>> byConnection = new HashMap<>();

  /** @param release ends a call for the reason given (call control's teardown, as for a CANCEL) */
  InviteProgressWatches(Scheduler scheduler, BiConsumer<Call, String> release) {
    this.scheduler = scheduler;
    this.release = release;
  }

  /**
   * Watches {@code leg}'s INVITE, which came from {@code source}, for the call it started; the leg ends the watch
   * when the INVITE is settled or the leg goes ({@link SipLeg#watchedBy}).
   */
  void watch(Call call, SipLeg leg, Source source, Request invite) {
    if (!leg.pending()) {
      return; // already answered or refused: nothing can hold the call unanswered
    }
    ExpiresHeader expires = invite.getExpires();
    leg.watchedBy(watch(call, leg::pending, source, expires == null ? null : (long) expires.getExpires()));
  }

  /**
   * @param unanswered     true while the INVITE has no final response
   * @param expiresSeconds the INVITE's {@code Expires}, null without one
   */
  InviteProgressWatch watch(Call call, BooleanSupplier unanswered, Source source, Long expiresSeconds) {
    List<InviteProgressWatch> sameConnection = CONNECTIONS.contains(source.transport())
        ? byConnection.computeIfAbsent(source, s -> new ArrayList<>()) : new ArrayList<>();
    InviteProgressWatch watch = new InviteProgressWatch(unanswered, reason -> release.accept(call, reason),
        done -> forget(source, done));
    sameConnection.add(watch);
    watch.start(scheduler, InviteProgressWatch.limit(expiresSeconds));
    return watch;
  }

  /** A connection is gone: every unanswered INVITE that came over it releases its call. */
  void connectionClosed(Source connection) {
    List<InviteProgressWatch> watches = byConnection.remove(connection);
    if (watches != null) {
      watches.forEach(InviteProgressWatch::transportGone);
    }
  }

  /** Watches still held for connections (for tests and leak checks). */
  int watchedOverConnections() {
    return byConnection.values().stream().mapToInt(List::size).sum();
  }

  private void forget(Source source, InviteProgressWatch watch) {
    List<InviteProgressWatch> watches = byConnection.get(source);
    if (watches != null && watches.remove(watch) && watches.isEmpty()) {
      byConnection.remove(source);
    }
  }
}
