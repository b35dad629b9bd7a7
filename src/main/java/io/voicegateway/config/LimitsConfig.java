package io.voicegateway.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code limits:} section: overload and abuse control in front of the SIP stack (per-source rate limits in
 * the spirit of Kamailio's pike, bans with expiry, the global overload guard). Every figure has a default that
 * lets a busy trunk through and stops one flooding address within a fraction of a second.
 *
 * @param enabled                 whether sources are limited at all (the overload guard keeps working)
 * @param requestsPerSecond       SIP messages per second one unknown address may send (token-bucket rate)
 * @param requestsBurst           how many messages above the rate an unknown address may send at once
 * @param invitesPerSecond        new INVITEs per second one unknown address may send
 * @param invitesBurst            INVITEs above that rate one unknown address may send at once
 * @param trustedPerSecond        the ceiling for configured trunks and registered devices (messages per second)
 * @param trustedBurst            their burst
 * @param floodBanAfter           messages dropped over the limit within {@code strikeWindow} that ban the address
 * @param garbageBanAfter         unparseable messages within {@code strikeWindow} that ban the address
 * @param authFailuresBanAfter    failed digest checks within {@code strikeWindow} that ban the address
 * @param strikeWindow            the window the three counts above are taken over
 * @param banTime                 how long a ban lasts (a banned address's datagrams are dropped unread)
 * @param maxSources              addresses tracked at once; the least recently seen is forgotten first
 * @param queueCapacity           SIP datagrams waiting for the stack at most; more are dropped on arrival
 * @param udpMaxDatagram          the largest SIP datagram read (TCP and WebSocket are not bound by it)
 * @param overloadFreePortsPercent new INVITEs get 503 when fewer RTP ports than this share are free
 * @param overloadLateTickPercent new INVITEs get 503 when more than this share of mixer ticks ran late lately
 * @param overloadQueueDepth      new INVITEs get 503 when this many datagrams wait for the stack
 * @param retryAfter              the {@code Retry-After} of those 503s
 * @param unknownSourceMaxCalls   calls one untrusted address may hold at once (0: no cap); more get 503
 * @param maxConnectionsPerSource TCP, TLS and WebSocket connections one untrusted address may hold open at once
 *                                (0: no cap); more are closed at accept
 * @param unknownRequestsPerSecond SIP messages per second all untrusted addresses together may send (burst: twice
 *                                that): an attacker rotating addresses stays under every per-address limit
 * @param unknownInvitesPerSecond new INVITEs per second all untrusted addresses together may send (burst: twice)
 * @param unknownPortsPercent     new INVITEs from untrusted addresses get 503 once more than this share of the RTP
 *                                ports is in use: the rest is kept for trunks and registered devices
 * @param connectionsPerSecond    new TCP, TLS and WebSocket connections per second one untrusted address may open
 *                                (burst: twice that); more are closed at accept, before a TLS handshake
 * @param unknownMaxConnections   stream connections all untrusted addresses together may hold open (0: no cap)
 * @param trustedSources          IP literals or CIDR blocks treated like trunks by these limits (never capped below
 *                                the trusted ceiling, never banned): a SIP proxy in front (Kamailio), whose one
 *                                address carries every caller's traffic
 */
public record LimitsConfig(
    boolean enabled,
    int requestsPerSecond,
    int requestsBurst,
    int invitesPerSecond,
    int invitesBurst,
    int trustedPerSecond,
    int trustedBurst,
    int floodBanAfter,
    int garbageBanAfter,
    int authFailuresBanAfter,
    Duration strikeWindow,
    Duration banTime,
    int maxSources,
    int queueCapacity,
    int udpMaxDatagram,
    int overloadFreePortsPercent,
    int overloadLateTickPercent,
    int overloadQueueDepth,
    Duration retryAfter,
    int unknownSourceMaxCalls,
    int maxConnectionsPerSource,
    int unknownRequestsPerSecond,
    int unknownInvitesPerSecond,
    int unknownPortsPercent,
    int connectionsPerSecond,
    int unknownMaxConnections,
    List<String> trustedSources) {

  public LimitsConfig {
    trustedSources = List.copyOf(trustedSources);
  }

  /** The shipped defaults (see docs/configuration.md for why each is what it is). */
  public static LimitsConfig defaults() {
    return new LimitsConfig(true, 200, 400, 20, 20, 1000, 2000, 200, 20, 10, Duration.ofSeconds(60),
        Duration.ofSeconds(300), 10_000, 2000, 16 * 1024, 5, 20, 1000, Duration.ofSeconds(5), 10, 20,
        1000, 10, 50, 5, 1000, List.of());
  }

  /** These limits with per-source limiting and bans switched off ({@code enabled: false}). */
  public LimitsConfig off() {
    return new LimitsConfig(false, requestsPerSecond, requestsBurst, invitesPerSecond, invitesBurst,
        trustedPerSecond, trustedBurst, floodBanAfter, garbageBanAfter, authFailuresBanAfter, strikeWindow, banTime,
        maxSources, queueCapacity, udpMaxDatagram, overloadFreePortsPercent, overloadLateTickPercent,
        overloadQueueDepth, retryAfter, unknownSourceMaxCalls, maxConnectionsPerSource, unknownRequestsPerSecond,
        unknownInvitesPerSecond, unknownPortsPercent, connectionsPerSecond, unknownMaxConnections, trustedSources);
  }
}
