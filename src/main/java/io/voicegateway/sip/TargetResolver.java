package io.voicegateway.sip;

import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.config.LiveConfig;
import io.voicegateway.config.ProviderConfig;
import io.voicegateway.codec.CodecType;
import io.voicegateway.sip.registrar.Binding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns a routed target into the SIP destinations to dial: every live, reachable binding of every device
 * to ring (sent to the address each device registered from, so NAT works), or the trunk with the
 * rewritten number, its credentials, its codec preference and the public address it taught us.
 */
final class TargetResolver {
  private final Function<String, List<Binding>> contactsOf;
  /** By id, with each one's codec preference parsed once per configuration (the configuration checked the names). */
  private final Supplier<Providers> providers;
  private final List<CodecType> defaultCodecs;
  private final Predicate<Binding> reachable;
  private final Function<String, String> publicAddressOf;
  /** A binding's Request-URI: its reachUri, or through the node holding its connection with a fresh pass. */
  private Function<Binding, String> requestUri = Binding::reachUri;
  /** A device's bindings on this node only (a {@code BINDING} target rings one of them for another node). */
  private Function<String, List<Binding>> bindingsHere = id -> List.of();

  /**
   * @param contactsOf      device id → its live bindings (the registrar's location service)
   * @param reachable       whether a binding answered its last OPTIONS qualify (unknown counts as yes)
   * @param publicAddressOf provider id → the address its registration learnt from received/rport, or null
   */
  TargetResolver(Function<String, List<Binding>> contactsOf, List<ProviderConfig> providers, List<CodecType> defaultCodecs,
      Predicate<Binding> reachable, Function<String, String> publicAddressOf) {
    this(contactsOf, () -> providers, defaultCodecs, reachable, publicAddressOf);
  }

  /** With the providers read at each call from {@code providers} (the LiveConfig's: a reload changes them). */
  TargetResolver(Function<String, List<Binding>> contactsOf, Supplier<List<ProviderConfig>> providers,
      List<CodecType> defaultCodecs, Predicate<Binding> reachable, Function<String, String> publicAddressOf) {
    this.contactsOf = contactsOf;
    this.defaultCodecs = List.copyOf(defaultCodecs);
    this.providers = LiveConfig.view(providers, list -> new Providers(
        list.stream().collect(Collectors.toMap(ProviderConfig::id, p -> p, (a, b) -> a)),
        list.stream().collect(Collectors.toMap(ProviderConfig::id,
            p -> p.codecs() == null || p.codecs().isEmpty() ? this.defaultCodecs
                : p.codecs().stream().map(n -> CodecType.byConfigName(n).orElseThrow()).toList(), (a, b) -> a))));
    this.reachable = reachable;
    this.publicAddressOf = publicAddressOf;
  }

  /**
   * In a cluster: {@code requestUri} gives the Request-URI of each binding (another node's stream binding is rung
   * through that node, with a pass), {@code bindingsHere} this node's own bindings of a device.
   */
  TargetResolver inCluster(Function<Binding, String> requestUri, Function<String, List<Binding>> bindingsHere) {
    this.requestUri = requestUri;
    this.bindingsHere = bindingsHere;
    return this;
  }

  private record Providers(Map<String, ProviderConfig> byId, Map<String, List<CodecType>> codecs) {}

  /** Empty when nobody can be dialled (devices not registered, unknown provider) or the kind is no SIP target. */
  List<BridgeTarget> resolve(RouteTarget target) {
    return switch (target.kind()) {
      case DEVICES -> devices(target.devices());
      case PROVIDER -> provider(target.name(), target.number());
      case BINDING -> heldHere(target.devices().get(0), target.name());
      default -> List.of();
    };
  }

  private List<BridgeTarget> devices(List<String> deviceIds) {
    List<BridgeTarget> out = new ArrayList<>();
    for (String id : deviceIds) {
      for (Binding binding : contactsOf.apply(id)) {
        if (reachable.test(binding)) {
          out.add(new BridgeTarget(binding.deviceId(), requestUri.apply(binding), null, null, defaultCodecs, null,
              null));
        }
      }
    }
    return out;
  }

  /** The one contact another node asked this one to ring, if this node still holds it (qualify is not asked: the
   * calling node chose it). */
  private List<BridgeTarget> heldHere(String deviceId, String contact) {
    return bindingsHere.apply(deviceId).stream().filter(b -> b.contact().equals(contact))
        .map(b -> new BridgeTarget(b.deviceId(), b.reachUri(), null, null, defaultCodecs, null, null))
        .limit(1).toList();
  }

  private List<BridgeTarget> provider(String providerId, String number) {
    Providers known = providers.get();
    ProviderConfig p = known.byId().get(providerId);
    if (p == null || number == null || number.isBlank()) {
      return List.of();
    }
    return List.of(new BridgeTarget(p.id(), uri(p, number), p.username(), p.password(), known.codecs().get(p.id()),
        publicAddressOf.apply(p.id()), p.username()));
  }

  /**
   * {@code sip:NUMBER@host:port;transport=…} ({@code sip:host:port…} when {@code number} is null), the host
   * bracketed when it is an IPv6 literal.
   */
  static String uri(ProviderConfig p, String number) {
    String host = p.host().indexOf(':') >= 0 && !p.host().startsWith("[") ? "[" + p.host() + "]" : p.host();
    boolean tls = "tls".equalsIgnoreCase(p.transport());
    String transport = p.transport() == null || "udp".equalsIgnoreCase(p.transport()) ? ""
        : ";transport=" + p.transport().toLowerCase(java.util.Locale.ROOT);
    return (tls ? "sips:" : "sip:") + (number == null ? "" : number + "@") + host + (p.port() > 0 ? ":" + p.port() : "") + transport;
  }
}
