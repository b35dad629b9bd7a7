package io.voicegateway.sip.guard;

import io.voicegateway.sip.registrar.Binding;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The addresses devices registered from, for {@link TrustedSources#devicesAt}. */
public final class DeviceHosts {
  private DeviceHosts() {}

  /** Each binding's source host (an IP literal as the stack saw it, so no name is ever looked up). */
  public static Set<InetAddress> of(Collection<Binding> bindings) {
    Set<InetAddress> hosts = new HashSet<>();
    for (Binding b : bindings) {
      String host = b.source() == null ? null : b.source().host();
      if (host != null && isLiteral(host)) {
        try {
          hosts.add(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
          // not an address after all: that binding is simply not trusted
        }
      }
    }
    return hosts;
  }

  /** Each binding's source host and each of {@code moreHosts} (the cluster's other nodes) that is an IP literal. */
  public static Set<InetAddress> of(Collection<Binding> bindings, Collection<String> moreHosts) {
    Set<InetAddress> hosts = of(bindings);
    for (String host : moreHosts) {
      InetAddress address = literal(host);
      if (address != null) {
        hosts.add(address);
      }
    }
    return hosts;
  }

  /** {@code host} as an address when it is an IP literal (no name is looked up), else null. */
  public static InetAddress literal(String host) {
    if (host == null || !isLiteral(host)) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** IPv4 dotted or IPv6 (with a colon): InetAddress.getByName then parses without DNS. */
  static boolean isLiteral(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }
}
