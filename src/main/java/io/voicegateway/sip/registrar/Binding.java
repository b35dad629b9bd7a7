package io.voicegateway.sip.registrar;

/**
 * One registered contact of a device.
 *
 * @param contact     the Contact URI as the device sent it
 * @param expiresAtMs when it lapses, on the store's clock
 * @param callId      Call-ID of the REGISTER that made or refreshed it (RFC 3261 §10.3 step 7 ordering)
 * @param cseq        its CSeq number
 * @param source      where that REGISTER came from: requests to this contact are sent there
 * @param via         for a binding another node of the cluster took, that node's SIP URI (e.g.
 *                    {@code sip:10.0.0.11:5060}): a request for a TCP, TLS or WebSocket binding is sent there, to be
 *                    carried over the connection that node holds ({@link #heldElsewhere()}); null for this node's own
 *                    bindings
 */
public record Binding(String deviceId, String contact, long expiresAtMs, String callId, long cseq, Source source,
    String via) {

  /** This node's own binding. */
  public Binding(String deviceId, String contact, long expiresAtMs, String callId, long cseq, Source source) {
    this(deviceId, contact, expiresAtMs, callId, cseq, source, null);
  }

  /**
   * Whether a request to it must go through the node that holds its connection: another node's TCP, TLS or
   * WebSocket binding. Another node's UDP binding is reached straight (a UDP contact takes requests from any address).
   */
  public boolean heldElsewhere() {
    return via != null && !"udp".equals(source.transport());
  }

  /**
   * Where a request to this contact must go when the device sits behind NAT: the contact's user at the
   * source address, port and transport the registration came from (the contact itself may name a private
   * address the gateway cannot reach). Use it as the Request-URI, or as the next hop with the contact as
   * Request-URI. For a binding {@link #heldElsewhere()}: the device at the holding node's address, which a request
   * reaches only with that node's pass ({@link SharedBindings#throughHolder}).
   */
  public String reachUri() {
    if (heldElsewhere()) {
      int colon = via.indexOf(':');
      return via.substring(0, colon + 1) + deviceId + "@" + via.substring(colon + 1);
    }
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
