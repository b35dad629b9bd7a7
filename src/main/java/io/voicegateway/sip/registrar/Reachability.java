package io.voicegateway.sip.registrar;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of qualifying each binding with OPTIONS: reachable until {@code downAfter} OPTIONS in a row go
 * unanswered, reachable again on the next answer, with the last round-trip time. A binding is known by its
 * device, contact and source, so a device that re-registers from a new NAT address starts afresh. Pure and
 * not thread-safe: used on the SIP context.
 */
public final class Reachability {
  private final int downAfter;
  private final Clock clock;
  private final Map<Key, QualifyStatus> byBinding = new HashMap<>();

  private record Key(String deviceId, String contact, Source source) {
    static Key of(Binding b) {
      return new Key(b.deviceId(), b.contact(), b.source());
    }
  }

  /** @param downAfter unanswered OPTIONS in a row that make a binding unreachable (at least 1) */
  public Reachability(int downAfter, Clock clock) {
    if (downAfter < 1) {
      throw new IllegalArgumentException("downAfter must be at least 1");
    }
    this.downAfter = downAfter;
    this.clock = clock;
  }

  /** An OPTIONS to {@code binding} got a final response (any status: something answered) after {@code rttMs}. */
  public void answered(Binding binding, long rttMs) {
    long now = clock.millis();
    byBinding.put(Key.of(binding), new QualifyStatus(true, rttMs, 0, now, now));
  }

  /** An OPTIONS to {@code binding} got no answer in time. */
  public void missed(Binding binding) {
    QualifyStatus before = status(binding);
    int missed = before.missed() + 1;
    byBinding.put(Key.of(binding), new QualifyStatus(missed < downAfter, before.rttMs(), missed,
        before.lastAnswerMs(), clock.millis()));
  }

  /** Whether requests should be sent to it; true while not yet qualified. */
  public boolean reachable(Binding binding) {
    return status(binding).reachable();
  }

  public QualifyStatus status(Binding binding) {
    return byBinding.getOrDefault(Key.of(binding), QualifyStatus.UNKNOWN);
  }

  /** Forgets every binding not in {@code live} (expired or unregistered), so the table stays bounded. */
  public void retain(Collection<Binding> live) {
    Set<Key> keep = new HashSet<>();
    live.forEach(b -> keep.add(Key.of(b)));
    byBinding.keySet().retainAll(keep);
  }
}
