package io.voicegateway.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.voicegateway.config.MediaConfig.Registration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code providers:} (SIP trunks) and appends {@code media.registrations} as providers with
 * {@code register: true}, so everything that talks to trunks reads one list.
 */
final class ProvidersReader {
  static final List<String> KEYS = List.of("id", "host", "port", "transport", "username", "password",
      "register", "expiry", "codecs", "inbound_ips");

  private ProvidersReader() {}

  static List<ProviderConfig> read(ConfigValue section, MediaConfig media) {
    UniqueNames ids = new UniqueNames("provider id");
    List<ProviderConfig> providers = new ArrayList<>();
    if (!section.isUnset()) {
      for (ConfigValue item : section.asList(false)) {
        providers.add(readOne(item.asMap(KEYS), ids, media));
      }
    }
    List<Registration> registrations = media.registrations();
    for (int i = 0; i < registrations.size(); i++) {
      String id = "registration-" + (i + 1);
      ConfigValue at = new ConfigValue(JsonNodeFactory.instance.textNode(id), KeyPath.index("media.registrations", i));
      providers.add(fromRegistration(registrations.get(i), ids.add(at, id), media));
    }
    return List.copyOf(providers);
  }

  private static ProviderConfig readOne(ConfigMap map, UniqueNames ids, MediaConfig media) {
    String id = ids.id(map.get("id"));
    ConfigValue hostValue = map.get("host");
    if (hostValue.isUnset()) {
      throw hostValue.error("required: the trunk's host name or IP address");
    }
    String host = HostAddresses.host(hostValue);
    String transport = map.value("transport", "udp", v -> v.asOneOf(MediaSectionReader.TRANSPORTS));
    int port = map.port("port", "tls".equals(transport) ? 5061 : 5060);
    List<String> codecs = map.value("codecs", media.codecs(), v -> NameList.read(v, "codec",
        MediaSectionReader.CODECS, MediaSectionReader.CODECS::contains));
    // without inbound_ips a trunk given by IP is recognised by that IP; a host name is never resolved here
    List<String> defaultIps = HostAddresses.literal(host) == null ? List.of() : List.of(host);
    List<String> inboundIps = map.value("inbound_ips", defaultIps, ProvidersReader::ipRanges);
    return new ProviderConfig(id, host, port, transport, map.text("username", ""), map.text("password", ""),
        map.bool("register", false), map.integer("expiry", RegistrationReader.DEFAULT_EXPIRY, 1, 604_800),
        codecs, inboundIps);
  }

  /** A list of IP literals or CIDR blocks; anything else exits 2 naming the item. */
  static List<String> ipRanges(ConfigValue value) {
    List<String> ranges = new ArrayList<>();
    for (ConfigValue item : value.asList(true)) {
      String text = item.asText();
      if (IpRange.parse(text).isEmpty()) {
        throw item.error(item.shown() + " is neither an IP address nor a CIDR block such as 203.0.113.0/24"
            + " or 2001:db8::/32");
      }
      ranges.add(text);
    }
    return List.copyOf(ranges);
  }

  /** The registrar URI gives host, port and transport; the address-of-record user is the user name. */
  private static ProviderConfig fromRegistration(Registration r, String id, MediaConfig media) {
    SipAddress registrar = SipAddress.parse(r.registrar());
    String user = r.username().isEmpty() ? SipAddress.parse(r.uri()).user() : r.username();
    List<String> ips = HostAddresses.literal(registrar.host()) == null ? List.of() : List.of(registrar.host());
    return new ProviderConfig(id, registrar.host(), registrar.port(), registrar.transport(), user, r.password(),
        true, r.expiry(), media.codecs(), ips);
  }
}
