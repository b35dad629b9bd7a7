package io.voicegateway.sip.guard;

import io.voicegateway.config.LimitsConfig;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Per-address admission in front of the SIP stack, in the spirit of Kamailio's pike: a token bucket for all
 * messages and one for new INVITEs per unknown address, a higher ceiling for trusted ones ({@link TrustedSources}),
 * and bans with expiry for an address that keeps flooding, sending garbage or failing authentication. Called on
 * the SIP receive thread before anything is parsed; one lock, held for a map lookup and a few arithmetic steps.
 * The map is bounded ({@code limits.max_sources}): the least recently seen address is forgotten first, so an attacker
 * with 65,536 addresses churns it but cannot grow it, and a banned address that keeps sending stays recent (and
 * banned). Per-address limits cannot stop an attacker rotating addresses, each under its own limit: untrusted
 * addresses together share two more buckets ({@code limits.unknown_requests_per_second},
 * {@code limits.unknown_invites_per_second}), taken after an address's own so that one flooder is held to its own
 * share and banned, and only a tenth of {@code limits.overload_queue_depth} of the stack's queue; trusted addresses
 * never touch them.
 */
public final class SourceGuard implements AbuseReports {
  private final LimitsConfig limits;
  private final TrustedSources trusted;
  private final LongSupplier nanos;
  private final long windowNanos;
  private final long banNanos;
  private final Map<InetAddress, Source> sources;
  /** What all untrusted addresses together may send. */
  private final TokenBucket strangers;
  private final TokenBucket strangerInvites;
  private final TokenBucket strangerConnections;
  private final Map<Verdict, LongAdder> limited = new EnumMap<>(Verdict.class);
  private final LongAdder bans = new LongAdder();
  private volatile IntSupplier queueDepth = () -> 0;

  /** @param nanos a monotonic clock ({@code System::nanoTime}; tests step a fake one) */
  public SourceGuard(LimitsConfig limits, TrustedSources trusted, LongSupplier nanos) {
    this.limits = limits;
    this.trusted = trusted;
    this.nanos = nanos;
    this.windowNanos = limits.strikeWindow().toNanos();
    this.banNanos = limits.banTime().toNanos();
    int max = limits.maxSources();
    this.sources = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<InetAddress, Source> eldest) {
        return size() > max;
      }
    };
    for (Verdict v : Verdict.values()) {
      limited.put(v, new LongAdder());
    }
    long now = nanos.getAsLong();
    this.strangers = new TokenBucket(limits.unknownRequestsPerSecond(), 2 * limits.unknownRequestsPerSecond(), now);
    this.strangerInvites = new TokenBucket(limits.unknownInvitesPerSecond(), 2 * limits.unknownInvitesPerSecond(),
        now);
    // a stranger's new connection (a TLS handshake: public-key work) costs about what a new call does
    this.strangerConnections = new TokenBucket(limits.unknownInvitesPerSecond(), 2 * limits.unknownInvitesPerSecond(),
        now);
  }

  /** Whether one message from {@code source} may go on to the stack; counts what it refuses. */
  public Verdict admit(InetAddress source, boolean invite) {
    Verdict verdict = decide(source, invite);
    if (verdict != Verdict.ADMIT) {
      limited.get(verdict).increment();
    }
    return verdict;
  }

  private synchronized Verdict decide(InetAddress address, boolean invite) {
    if (!limits.enabled()) {
      return Verdict.ADMIT;
    }
    long now = nanos.getAsLong();
    Source s = sources.computeIfAbsent(address, a -> new Source(now));
    if (trusted.trusted(address)) {
      return s.trustedBucket(now).take(now) ? Verdict.ADMIT : Verdict.RATE;
    }
    if (s.banned(now)) {
      return Verdict.BANNED;
    }
    Verdict verdict = !s.requests.take(now) ? Verdict.RATE
        : invite && !s.invites.take(now) ? Verdict.INVITE_RATE : Verdict.ADMIT;
    if (verdict != Verdict.ADMIT) {
      if (s.strike(now, Strike.FLOOD) >= limits.floodBanAfter()) {
        ban(s, now);
      }
      return verdict;
    }
    // within its own limits; the strangers' shared budgets are nobody's fault in particular: no strike
    if (queueDepth.getAsInt() >= strangersQueueDepth(limits)) {
      return Verdict.UNKNOWN_QUEUE; // the rest of the queue is kept for trusted addresses
    }
    return !strangers.take(now) ? Verdict.UNKNOWN_RATE
        : invite && !strangerInvites.take(now) ? Verdict.UNKNOWN_INVITE_RATE : Verdict.ADMIT;
  }

  /**
   * Whether a TCP, TLS or WebSocket connection just accepted from {@code source} may go on to its handshake: not
   * when the address is banned, opens connections faster than {@code limits.connections_per_second} (a strike
   * towards its ban, as a flood's message is), or untrusted addresses together open more than
   * {@code limits.unknown_invites_per_second} (a handshake costs about what a call set-up does).
   * Trusted addresses pass. Takes a token when it admits; counts nothing (the caller, {@link SourceConnectionCap},
   * counts its refusals with its own).
   */
  synchronized Verdict connectionVerdict(InetAddress address) {
    if (!limits.enabled() || trusted.trusted(address)) {
      return Verdict.ADMIT;
    }
    long now = nanos.getAsLong();
    Source s = sources.computeIfAbsent(address, a -> new Source(now));
    if (s.banned(now)) {
      return Verdict.BANNED;
    }
    if (!s.connections(now).take(now)) {
      if (s.strike(now, Strike.FLOOD) >= limits.floodBanAfter()) {
        ban(s, now);
      }
      return Verdict.CONNECTION_RATE;
    }
    return strangerConnections.take(now) ? Verdict.ADMIT : Verdict.UNKNOWN_CONNECTION_RATE;
  }

  @Override
  public void garbage(InetAddress source) {
    strike(source, Strike.GARBAGE, limits.garbageBanAfter());
  }

  @Override
  public void authFailed(InetAddress source) {
    strike(source, Strike.AUTH, limits.authFailuresBanAfter());
  }

  private synchronized void strike(InetAddress address, Strike kind, int banAfter) {
    if (address == null || !limits.enabled() || trusted.trusted(address)) {
      return;
    }
    long now = nanos.getAsLong();
    Source s = sources.computeIfAbsent(address, a -> new Source(now));
    if (!s.banned(now) && s.strike(now, kind) >= banAfter) {
      ban(s, now);
    }
  }

  private void ban(Source s, long now) {
    s.bannedUntil = now + banNanos;
    s.banned = true;
    s.resetStrikes(now);
    bans.increment();
  }

  /**
   * The SIP receive queue to watch: while a tenth of {@code limits.overload_queue_depth} waits
   * ({@link #strangersQueueDepth}), untrusted addresses' messages are dropped on arrival, so strangers never fill the
   * queue a trusted INVITE then waits behind (it is one FIFO: a trunk's INVITE waits behind every stranger's message
   * queued before it), nor bring it to the depth at which that INVITE would be refused.
   */
  public void watchQueue(IntSupplier depth) {
    this.queueDepth = depth;
  }

  /** The queue depth from which strangers' messages are dropped on arrival: a tenth of the overload depth. */
  static int strangersQueueDepth(LimitsConfig limits) {
    return Math.max(1, limits.overloadQueueDepth() / 10);
  }

  /** Whether {@code source} is banned now (tests, the dashboard). */
  public synchronized boolean banned(InetAddress source) {
    Source s = sources.get(source);
    return s != null && s.banned(nanos.getAsLong());
  }

  /** Addresses banned now. Walks the map: for scrapes and {@code /health}, not per message. */
  public synchronized int activeBans() {
    long now = nanos.getAsLong();
    int n = 0;
    for (Source s : sources.values()) {
      n += s.banned(now) ? 1 : 0;
    }
    return n;
  }

  /** Bans imposed since start. */
  public long bansTotal() {
    return bans.sum();
  }

  /** Messages refused with {@code verdict} since start. */
  public long limited(Verdict verdict) {
    return limited.get(verdict).sum();
  }

  /** Counts a refusal decided elsewhere (a stream connection closed at accept: {@link SourceConnectionCap}). */
  void count(Verdict verdict) {
    limited.get(verdict).increment();
  }

  /** Counts a message dropped because the stack's queue was full (decided by the queue, not by this guard). */
  public void queueFull() {
    limited.get(Verdict.QUEUE_FULL).increment();
  }

  /** Addresses tracked now. */
  public synchronized int trackedSources() {
    return sources.size();
  }

  public LimitsConfig limits() {
    return limits;
  }

  private enum Strike { FLOOD, GARBAGE, AUTH }

  /** One address's buckets, strikes and ban. */
  private final class Source {
    final TokenBucket requests;
    final TokenBucket invites;
    TokenBucket trustedBucket;
    TokenBucket connections;
    final int[] strikes = new int[Strike.values().length];
    long windowStart;
    long bannedUntil;
    boolean banned;

    Source(long now) {
      requests = new TokenBucket(limits.requestsPerSecond(), limits.requestsBurst(), now);
      invites = new TokenBucket(limits.invitesPerSecond(), limits.invitesBurst(), now);
      windowStart = now;
    }

    TokenBucket trustedBucket(long now) {
      if (trustedBucket == null) {
        trustedBucket = new TokenBucket(limits.trustedPerSecond(), limits.trustedBurst(), now);
      }
      return trustedBucket;
    }

    TokenBucket connections(long now) {
      if (connections == null) {
        connections = new TokenBucket(limits.connectionsPerSecond(), 2 * limits.connectionsPerSecond(), now);
      }
      return connections;
    }

    boolean banned(long now) {
      if (banned && now - bannedUntil >= 0) {
        banned = false; // expired: the address starts again with fresh strikes
      }
      return banned;
    }

    int strike(long now, Strike kind) {
      if (now - windowStart > windowNanos) {
        resetStrikes(now);
      }
      return ++strikes[kind.ordinal()];
    }

    void resetStrikes(long now) {
      Arrays.fill(strikes, 0);
      windowStart = now;
    }
  }
}
