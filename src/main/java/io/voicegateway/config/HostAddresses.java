package io.voicegateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Validates addresses without touching DNS: start-up must not hang on a resolver. */
final class HostAddresses {
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  /** Starts with a hex digit or ':' so {@link InetAddress#getByName} parses it instead of resolving it. */
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?");

  private HostAddresses() {}

  /** The literal as an address, or null when {@code text} is not an IPv4 or IPv6 literal. */
  static InetAddress literal(String text) {
    if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(text); // a literal: parsed, never looked up
    } catch (UnknownHostException | IllegalArgumentException e) {
      return null;
    }
  }

  static boolean isHostName(String text) {
    return text.length() <= 253 && HOST_NAME.matcher(text).matches();
  }

  /** An IP literal to bind to. */
  static String bindAddress(ConfigValue value) {
    if (literal(value.asText()) == null) {
      throw value.error(value.shown() + " is not an IP address; expected an IPv4 or IPv6 literal such as"
          + " 0.0.0.0, 127.0.0.1 or ::");
    }
    return value.asText();
  }

  /** An IP literal or a host name. */
  static String host(ConfigValue value) {
    String text = value.asText();
    if (literal(text) == null && !isHostName(text)) {
      throw value.error(value.shown() + " is neither an IP address nor a host name");
    }
    return text;
  }

  static boolean isWildcard(String address) {
    InetAddress parsed = literal(address);
    return parsed != null && parsed.isAnyLocalAddress();
  }
}
