package io.voicegateway.stream;

import io.voicegateway.bus.CallEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stream's {@code start.customParameters}: the configured ones, then the requester's, then the call's own (which
 * win on a clash, so a requester cannot pass off another caller). Twilio gives {@code From}/{@code To} as E.164
 * numbers and apps written for it read them so: they get the SIP URI's user part, and {@code FromUri}/{@code ToUri}
 * the whole URI.
 */
final class CallParameters {
  private CallParameters() {}

  static Map<String, String> of(Map<String, String> configured, Map<String, String> requested, CallEvent call) {
    Map<String, String> out = new LinkedHashMap<>(configured);
    out.putAll(requested);
    if (call.from() != null) {
      out.put("From", number(call.from()));
      out.put("FromUri", call.from());
    }
    if (call.to() != null) {
      out.put("To", number(call.to()));
      out.put("ToUri", call.to());
    }
    out.putAll(call.xHeaders());
    return out;
  }

  /**
   * The user part of a SIP or tel URI ({@code +4930111} of {@code "Al" <sip:+4930111@carrier;user=phone>}); a value
   * without one (a bare number, {@code sip:host}) as it is.
   */
  static String number(String uri) {
    String s = uri.strip();
    int open = s.indexOf('<');
    if (open >= 0) {
      int close = s.indexOf('>', open);
      s = s.substring(open + 1, close > open ? close : s.length());
    }
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    int scheme = lower.startsWith("sips:") ? 5 : lower.startsWith("sip:") || lower.startsWith("tel:") ? 4 : 0;
    if (scheme == 0) {
      return uri;
    }
    String rest = s.substring(scheme);
    int end = rest.length();
    for (char stop : new char[] {'@', ';', '?'}) {
      int at = rest.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    if (lower.startsWith("tel:")) {
      return rest.substring(0, end);
    }
    int at = rest.indexOf('@');
    if (at <= 0) {
      return uri;
    }
    String user = rest.substring(0, at);
    int colon = user.indexOf(':');
    return colon >= 0 ? user.substring(0, colon) : user;
  }
}
