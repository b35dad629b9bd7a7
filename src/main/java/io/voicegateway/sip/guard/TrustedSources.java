package io.voicegateway.sip.guard;

import io.voicegateway.control.route.SourceClassifier;
import java.net.InetAddress;
import java.util.Set;

/**
 * Addresses that are never limited below the trusted ceiling and never banned: the configured trunks
 * ({@code providers[].inbound_ips}) and the hosts devices registered from. Read on the SIP receive thread, so the
 * device hosts are an immutable snapshot swapped in whole ({@link #devicesAt}).
 */
public final class TrustedSources {
  private final SourceClassifier trunks;
  private volatile Set<InetAddress> deviceHosts = Set.of();

  public TrustedSources(SourceClassifier trunks) {
    this.trunks = trunks;
  }

  public boolean trusted(InetAddress source) {
    return deviceHosts.contains(source) || trunks.trunkOf(source).isPresent();
  }

  /** Replaces the registered devices' hosts (the SIP verticle refreshes them from its bindings). */
  public void devicesAt(Set<InetAddress> hosts) {
    this.deviceHosts = Set.copyOf(hosts);
  }
}
