package io.voicegateway.control.route;

import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.IpRange;
import io.voicegateway.config.LiveConfig;
import io.voicegateway.config.ProviderConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Says which trunk, if any, a request's source address belongs to, from the providers' {@code inbound_ips}
 * (IP literals and CIDR blocks, IPv4 and IPv6). The first provider in configuration order wins.
 */
public final class SourceClassifier {
  /** The providers' ranges: fixed, or for a {@link #live} classifier those of the configuration in force. */
  private final Supplier<List<ProviderRanges>> providers;

  public SourceClassifier(List<ProviderConfig> providers) {
    List<ProviderRanges> ranges = ranges(providers);
    this.providers = () -> ranges;
  }

  private SourceClassifier(Supplier<List<ProviderRanges>> providers) {
    this.providers = providers;
  }

  /** Classifies by the providers {@code config} gives at each request (a LiveConfig: reloadable). */
  public static SourceClassifier live(Supplier<GatewayConfig> config) {
    return new SourceClassifier(LiveConfig.view(config, c -> ranges(c.providers())));
  }

  private static List<ProviderRanges> ranges(List<ProviderConfig> providers) {
    return providers.stream()
        .map(p -> new ProviderRanges(p.id(), p.inboundIps().stream()
            .map(ip -> IpRange.parse(ip).orElseThrow(() -> new IllegalArgumentException(
                "provider " + p.id() + ": not an IP or CIDR: " + ip)))
            .toList()))
        .toList();
  }

  /** The id of the provider whose inbound_ips contain {@code address}, or empty. */
  public Optional<String> trunkOf(InetAddress address) {
    for (ProviderRanges p : providers.get()) {
      for (IpRange range : p.ranges()) {
        if (range.contains(address)) {
          return Optional.of(p.id());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * @param authenticatedDevice the device id digest authentication established for this request, or null
   * @return a device when authenticated (credentials outrank an address), else a trunk by address, else
   *     unknown
   */
  public CallSource classify(InetAddress address, String authenticatedDevice) {
    if (authenticatedDevice != null) {
      return CallSource.device(authenticatedDevice);
    }
    return trunkOf(address).map(CallSource::trunk).orElse(CallSource.unknown());
  }

  private record ProviderRanges(String id, List<IpRange> ranges) {}
}
