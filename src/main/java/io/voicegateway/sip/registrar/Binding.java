package io.voicegateway.sip.registrar;

/**
 * One registered contact of a device.
 *
 * @param contact     the Contact URI as the device sent it
 * @param expiresAtMs when it lapses, on the store's clock
 * @param callId      Call-ID of the REGISTER that made or refreshed it (RFC 3261 §10.3 step 7 ordering)
 * @param cseq        its CSeq number
 * @param source      where that REGISTER came from: requests to this contact are sent there
 */
public record Binding(String deviceId, String contact, long expiresAtMs, String callId, long cseq, Source source) {

  /**
   * Where a request to this contact must go when the device sits behind NAT: the contact's user at the
   * source address, port and transport the registration came from (the contact itself may name a private
   * address the gateway cannot reach). Use it as the Request-URI, or as the next hop with the contact as
   * Request-URI.
   */
  public String reachUri() {
    int at = contact.indexOf('@');
    int colon = contact.indexOf(':');
    String user = at > colon && colon >= 0 ? contact.substring(colon + 1, at) : null;
    String scheme = "tls".equals(source.transport()) ? "sips:" : "sip:";
    String host = source.host().indexOf(':') >= 0 && !source.host().startsWith("[")
        ? "[" + source.host() + "]" : source.host();
    return scheme + (user == null ? "" : user + "@") + host + ":" + source.port()
        + ("udp".equals(source.transport()) ? "" : ";transport=" + source.transport());
  }

  /** Whole seconds left at {@code nowMs}, at least 0. */
  public long remainingSeconds(long nowMs) {
    return Math.max(0, (expiresAtMs - nowMs + 999) / 1000);
  }
}
