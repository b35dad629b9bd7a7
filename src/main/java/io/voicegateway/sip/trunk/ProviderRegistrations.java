package io.voicegateway.sip.trunk;

import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.MediaConfig;
import io.voicegateway.config.ProviderConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The registrations the gateway keeps with its trunks: every {@code media.registrations} entry (as written)
 * and every provider with {@code register: true}, each once. The configuration lists each
 * {@code media.registrations} entry a second time as provider {@code registration-N}; that one and any
 * provider naming the same address of record at the same registrar share the one registration.
 *
 * <p>Also says which trunk an inbound request belongs to by the registration it arrives on: its Request-URI
 * user is the Contact user we register and it comes from the trunk's host. Host names are resolved by
 * {@link #resolveHostNames()}, off the event loop; until then only IP literals match.
 */
public final class ProviderRegistrations {
  private static final Logger LOG = Logger.getLogger(ProviderRegistrations.class.getName());
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

  /**
   * One registration to keep.
   *
   * @param providerId  the provider it was first configured as ({@code registration-N} for media.registrations)
   * @param contactUser the user part of the Contact we register: inbound calls on it name it in the Request-URI
   * @param host        the trunk's host (registrar host), name or IP literal
   */
  public record Entry(String providerId, MediaConfig.Registration registration, String contactUser, String host) {}

  /** What a reload changed: the registrations to stop (gone or changed) and those to start (new or changed). */
  public record Changes(List<Entry> stopped, List<Entry> started) {}

  /** Replaced whole by {@link #reload}; read on the SIP context and by INVITE recognition. */
  private volatile List<Entry> entries;
  /** provider id → its entry; several ids may share one. */
  private volatile Map<String, Entry> byProvider;
  /** host name → its addresses, once resolved. */
  private final Map<String, Set<InetAddress>> resolved = new ConcurrentHashMap<>();

  private ProviderRegistrations(List<Entry> entries, Map<String, Entry> byProvider) {
    this.entries = List.copyOf(entries);
    this.byProvider = Map.copyOf(byProvider);
  }

  public static ProviderRegistrations of(GatewayConfig config) {
    List<MediaConfig.Registration> media = config.media().registrations();
    List<Entry> entries = new ArrayList<>();
    Map<String, Entry> byProvider = new LinkedHashMap<>();
    for (int i = 0; i < media.size(); i++) {
      add(entries, byProvider, "registration-" + (i + 1), media.get(i));
    }
    for (ProviderConfig p : config.providers()) {
      if (p.register() && !byProvider.containsKey(p.id())) {
        add(entries, byProvider, p.id(), registrationOf(p));
      }
    }
    return new ProviderRegistrations(entries, byProvider);
  }

  private static void add(List<Entry> entries, Map<String, Entry> byProvider, String id, MediaConfig.Registration r) {
    String registrar = RegisterRequests.registrarUri(r);
    Entry same = entries.stream().filter(e -> e.registration().uri().equalsIgnoreCase(r.uri())
        && RegisterRequests.registrarUri(e.registration()).equalsIgnoreCase(registrar)).findFirst().orElse(null);
    if (same != null) {
      LOG.info(() -> "provider " + id + " registers as " + r.uri() + " like " + same.providerId() + ": once for both");
      byProvider.put(id, same);
      return;
    }
    Entry e = new Entry(id, r, RegisterRequests.contactUser(r), hostOf(registrar));
    entries.add(e);
    byProvider.put(id, e);
  }

  /** A provider as a registration: AOR {@code sip:username@host}, registrar {@code host:port;transport}. */
  static MediaConfig.Registration registrationOf(ProviderConfig p) {
    String user = p.username() == null || p.username().isBlank() ? "gateway" : p.username();
    String host = p.host().indexOf(':') >= 0 && !p.host().startsWith("[") ? "[" + p.host() + "]" : p.host();
    String registrar = "sip:" + host + ":" + p.port() + ("udp".equals(p.transport()) ? "" : ";transport=" + p.transport());
    return new MediaConfig.Registration("sip:" + user + "@" + host, p.username(), p.password(), registrar, p.expiry());
  }

  /**
   * Puts the registrations of {@code config} in force (a configuration reload) and says which running ones to
   * stop and which to start: an entry whose provider, address of record, registrar or credentials changed is
   * both. Unchanged registrations keep running untouched.
   */
  public Changes reload(GatewayConfig config) {
    ProviderRegistrations next = of(config);
    List<Entry> before = entries;
    List<Entry> stopped = before.stream().filter(e -> !next.entries.contains(e)).toList();
    List<Entry> started = next.entries.stream().filter(e -> !before.contains(e)).toList();
    byProvider = next.byProvider;
    entries = next.entries;
    return new Changes(stopped, started);
  }

  /** The registrations to start, in configuration order, each once. */
  public List<Entry> entries() {
    return entries;
  }

  /** The registration provider {@code providerId} uses (possibly shared with another id), if it registers. */
  public Optional<Entry> of(String providerId) {
    return Optional.ofNullable(byProvider.get(providerId));
  }

  /**
   * The provider whose registration an inbound request arrived on: {@code requestUriUser} is that
   * registration's Contact user and {@code source} is its host (an IP literal, or a name resolved earlier).
   */
  public Optional<String> providerFor(String requestUriUser, InetAddress source) {
    if (requestUriUser == null || source == null) {
      return Optional.empty();
    }
    for (Entry e : entries) {
      if (e.contactUser().equals(requestUriUser) && hostIs(e.host(), source)) {
        return Optional.of(e.providerId());
      }
    }
    return Optional.empty();
  }

  /** Resolves the trunks' host names (blocking DNS: call it from a worker). A failure leaves that name unmatched. */
  public void resolveHostNames() {
    for (Entry e : entries) {
      if (!IP_LITERAL.matcher(e.host()).matches()) {
        try {
          resolved.put(e.host(), Set.of(InetAddress.getAllByName(e.host())));
        } catch (UnknownHostException ex) {
          LOG.warning("trunk host " + e.host() + " does not resolve: inbound calls on its registration are not"
              + " recognised by it");
        }
      }
    }
  }

  private boolean hostIs(String host, InetAddress source) {
    if (IP_LITERAL.matcher(host).matches()) {
      try {
        return InetAddress.getByName(host.replace("[", "").replace("]", "")).equals(source); // a literal: no DNS
      } catch (UnknownHostException ex) {
        return false;
      }
    }
    return resolved.getOrDefault(host, Set.of()).contains(source);
  }

  /** The host of a registrar URI such as {@code sip:host:port;transport=tcp} or {@code sip:[::1]:5060}. */
  static String hostOf(String registrarUri) {
    String rest = registrarUri.substring(registrarUri.indexOf(':') + 1);
    int at = rest.indexOf('@');
    rest = at >= 0 ? rest.substring(at + 1) : rest;
    int semi = rest.indexOf(';');
    rest = semi >= 0 ? rest.substring(0, semi) : rest;
    if (rest.startsWith("[")) {
      return rest.substring(0, rest.indexOf(']') + 1);
    }
    int colon = rest.indexOf(':');
    return colon >= 0 ? rest.substring(0, colon) : rest;
  }
}
