package io.voicegateway.sip.guard;

import io.voicegateway.config.IpRange;
import io.voicegateway.control.route.SourceClassifier;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * Addresses that are never limited below the trusted ceiling and never banned: the configured trunks
 * ({@code providers[].inbound_ips}), the hosts devices registered from, and {@code limits.trusted_sources} (a proxy
 * in front, whose one address carries every caller's traffic). Read on the SIP receive thread, so the device hosts
 * are an immutable snapshot swapped in whole ({@link #devicesAt}).
 */
public final class TrustedSources {
  private final SourceClassifier trunks;
  private final List<IpRange> proxies;
  private volatile Set<InetAddress> deviceHosts = Set.of();

  public TrustedSources(SourceClassifier trunks) {
    this(trunks, List.of());
  }

  /** @param proxies IP literals or CIDR blocks (validated by the config reader) */
  public TrustedSources(SourceClassifier trunks, List<String> proxies) {
    this.trunks = trunks;
    this.proxies = proxies.stream().map(text -> IpRange.parse(text).orElseThrow(
        () -> new IllegalArgumentException("not an IP address or CIDR block: " + text))).toList();
  }

  public boolean trusted(InetAddress source) {
    return deviceHosts.contains(source) || proxy(source) || trunks.trunkOf(source).isPresent();
  }

  /** Replaces the registered devices' hosts (the SIP verticle refreshes them from its bindings). */
  public void devicesAt(Set<InetAddress> hosts) {
    this.deviceHosts = Set.copyOf(hosts);
  }

  private boolean proxy(InetAddress source) {
    for (IpRange range : proxies) {
      if (range.contains(source)) {
        return true;
      }
    }
    return false;
  }
}
