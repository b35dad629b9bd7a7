package io.voicegateway.sip.guard;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * At most {@code limits.max_connections_per_source} TCP, TLS and WebSocket connections open at once from one address
 * that is neither a trunk nor a registered device's host ({@link TrustedSources}), and none from a banned address:
 * each accepted connection costs the stack a socket, a reader (a thread, with the blocking listeners) and buffers, so
 * without it one stranger could open thousands. Asked on the accept thread before the stack makes a channel; a
 * refused connection is closed unread, before a TLS handshake costs anything. Trusted addresses take no slot (as
 * with {@link SourceCallCap}). The open counts are one map entry per address with a connection open: bounded by the
 * connections themselves, each of which took a token from its address's and the strangers' connection rates.
 */
public final class SourceConnectionCap {
  private final TrustedSources trusted;
  private final Function<InetAddress, Verdict> gate;
  private final IntSupplier max;
  private final IntSupplier totalMax;
  private int total;
  private final Map<InetAddress, Integer> open = new HashMap<>();
  private final Consumer<Verdict> refusals;

  /**
   * @param gate what an address's ban and connection rates say now ({@link SourceGuard#connectionVerdict}, which
   *     takes a token): anything but {@link Verdict#ADMIT} refuses
   * @param max the cap now ({@code 0}: no cap), read on each accept
   * @param refusals where each refusal is counted ({@code vg_sip_limited_total{reason}}: {@code banned} or
   *     {@code connections}, or the gate's reason)
   */
  public SourceConnectionCap(TrustedSources trusted, Function<InetAddress, Verdict> gate, IntSupplier max,
      Consumer<Verdict> refusals) {
    this(trusted, gate, max, () -> 0, refusals);
  }

  /**
   * @param totalMax the cap on all untrusted addresses' connections together now ({@code 0}: none): many addresses,
   *     each under its own cap, must not hold a socket (and with the blocking listeners a thread) each without end
   */
  public SourceConnectionCap(TrustedSources trusted, Function<InetAddress, Verdict> gate, IntSupplier max,
      IntSupplier totalMax, Consumer<Verdict> refusals) {
    this.trusted = trusted;
    this.gate = gate;
    this.max = max;
    this.totalMax = totalMax;
    this.refusals = refusals;
  }

  /**
   * Whether a connection just accepted from {@code source} may stay open; when it may and the source is untrusted,
   * it holds a slot until {@link #closed}. A refusal is counted. The cap is asked before the gate, so a connection
   * over the cap spends none of its address's connection rate (and is counted as {@code connections}).
   */
  public Verdict opened(InetAddress source) {
    if (source == null || trusted.trusted(source)) {
      return Verdict.ADMIT;
    }
    int cap = max.getAsInt();
    int all = totalMax.getAsInt();
    Verdict verdict;
    synchronized (this) { // the gate takes the source guard's lock inside this one; it never calls back here
      int now = open.getOrDefault(source, 0);
      verdict = cap > 0 && now >= cap ? Verdict.CONNECTIONS
          : all > 0 && total >= all ? Verdict.UNKNOWN_CONNECTIONS : gate.apply(source);
      if (verdict == Verdict.ADMIT) {
        open.put(source, now + 1);
        total++;
      }
    }
    if (verdict != Verdict.ADMIT) {
      refusals.accept(verdict);
    }
    return verdict;
  }

  /** A connection {@link #opened} admitted from {@code source} is gone (call once per admitted connection). */
  public synchronized void closed(InetAddress source) {
    if (source != null) {
      if (open.containsKey(source)) {
        total--;
      }
      open.computeIfPresent(source, (a, n) -> n > 1 ? n - 1 : null);
    }
  }

  /** Connections from {@code source} holding a slot now. */
  public synchronized int open(InetAddress source) {
    return open.getOrDefault(source, 0);
  }

  /** Connections from untrusted addresses holding a slot now. */
  public synchronized int open() {
    return total;
  }
}
