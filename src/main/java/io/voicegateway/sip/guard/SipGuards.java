package io.voicegateway.sip.guard;

import io.voicegateway.config.LimitsConfig;
import io.voicegateway.config.ProviderConfig;
import io.voicegateway.control.route.SourceClassifier;
import io.voicegateway.sip.stack.ReceiveGuard;
import io.voicegateway.sip.stack.SipResponseCounts;
import java.net.InetAddress;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * The SIP layer's overload and abuse control, made once by the composition root: the per-address
 * {@link SourceGuard} on the UDP receive thread, the {@link OverloadGuard} at the INVITE entry, and the counts
 * that metrics, {@code /health} and the dashboard read.
 */
public final class SipGuards implements ReceiveGuard {
  private final SourceGuard sources;
  private final OverloadGuard overload;
  private final TrustedSources trusted;
  private final SourceCallCap calls;
  private final SourceConnectionCap connections;
  private final SipResponseCounts responses = new SipResponseCounts();

  /** @param trunks the configured trunks' addresses (a live classifier follows reloads) */
  public SipGuards(LimitsConfig limits, SourceClassifier trunks, OverloadGuard.Signals media, LongSupplier nanos) {
    this.trusted = new TrustedSources(trunks, limits.trustedSources());
    this.sources = new SourceGuard(limits, trusted, nanos);
    this.overload = new OverloadGuard(limits, media, nanos);
    this.calls = new SourceCallCap(trusted, () -> limits.enabled() ? limits.unknownSourceMaxCalls() : 0);
    this.connections = new SourceConnectionCap(trusted, sources::connectionVerdict,
        () -> limits.enabled() ? limits.maxConnectionsPerSource() : 0,
        () -> limits.enabled() ? limits.unknownMaxConnections() : 0, sources::count);
  }

  /** Guards with no media behind them (the SIP verticle started alone, as tests do). */
  public static SipGuards standalone(LimitsConfig limits, List<ProviderConfig> providers) {
    return new SipGuards(limits, new SourceClassifier(providers), OverloadGuard.Signals.none(), System::nanoTime);
  }

  @Override
  public boolean admit(InetAddress source, boolean invite) {
    return sources.admit(source, invite) == Verdict.ADMIT;
  }

  @Override
  public void garbage(InetAddress source) {
    sources.garbage(source);
  }

  @Override
  public boolean openConnection(InetAddress source) {
    return connections.opened(source) == Verdict.ADMIT;
  }

  @Override
  public boolean banned(InetAddress source) {
    return sources.banned(source);
  }

  @Override
  public void connectionClosed(InetAddress source) {
    connections.closed(source);
  }

  @Override
  public void queueFull() {
    sources.queueFull();
  }

  @Override
  public void watchQueue(IntSupplier depth) {
    overload.watchQueue(depth);
    sources.watchQueue(depth);
  }

  @Override
  public int queueCapacity() {
    return sources.limits().queueCapacity();
  }

  @Override
  public int maxDatagram() {
    return sources.limits().udpMaxDatagram();
  }

  /** The INVITE entry's check, answering with the stack's factories. */
  public InviteAdmission admission(MessageFactory messages, HeaderFactory headers) {
    return new InviteAdmission(overload, calls, messages, headers);
  }

  /** Calls held by untrusted addresses, and the INVITEs refused at their cap. */
  public SourceCallCap calls() {
    return calls;
  }

  @Override
  public SipResponseCounts responses() {
    return responses;
  }

  /** Where failed digest checks are reported (enough of them ban the address). */
  public AbuseReports abuse() {
    return sources;
  }

  /** Stream connections held by untrusted addresses. */
  public SourceConnectionCap connections() {
    return connections;
  }

  public SourceGuard sources() {
    return sources;
  }

  public OverloadGuard overload() {
    return overload;
  }

  public TrustedSources trusted() {
    return trusted;
  }
}
