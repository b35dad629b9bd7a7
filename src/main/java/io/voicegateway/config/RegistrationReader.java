package io.voicegateway.config;

import io.voicegateway.config.MediaConfig.Registration;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code media.registrations}: the trunks the gateway registers with. */
final class RegistrationReader {
  static final List<String> KEYS = List.of("uri", "username", "password", "registrar", "expiry");
  static final int DEFAULT_EXPIRY = 3600;

  private RegistrationReader() {}

  static List<Registration> read(ConfigValue value) {
    if (value.isUnset()) {
      return List.of();
    }
    List<Registration> registrations = new ArrayList<>();
    for (ConfigValue item : value.asList(false)) {
      registrations.add(readOne(item.asMap(KEYS)));
    }
    return List.copyOf(registrations);
  }

  private static Registration readOne(ConfigMap map) {
    ConfigValue uriValue = map.get("uri");
    if (uriValue.isUnset()) {
      throw uriValue.error("required: the address of record to register, e.g. sip:alice@trunk.example.com");
    }
    String uri = uriValue.asText();
    if (!uri.startsWith("sip:") && !uri.startsWith("sips:")) {
      throw uriValue.error(uriValue.shown() + " is not a SIP URI; expected sip:user@host or sips:user@host");
    }
    String registrar = map.text("registrar", registrarOf(uri));
    int expiry = map.integer("expiry", DEFAULT_EXPIRY, 1, 604_800);
    return new Registration(uri, map.text("username", ""), map.text("password", ""), registrar, expiry);
  }

  /** RFC 3261 §10.2.6: without a configured registrar, REGISTER goes to the domain of the address of record. */
  static String registrarOf(String uri) {
    int colon = uri.indexOf(':');
    String rest = uri.substring(colon + 1);
    int at = rest.indexOf('@');
    String host = at < 0 ? rest : rest.substring(at + 1);
    int params = host.indexOf(';');
    return uri.substring(0, colon + 1) + (params < 0 ? host : host.substring(0, params));
  }
}
