package io.voicegateway.config;

/**
 * The parts of a {@code sip:}/{@code sips:} URI a registration needs. Split by hand rather than with
 * JAIN-SIP so the config package stays free of the SIP stack; only already-validated URIs come here.
 */
record SipAddress(String user, String host, int port, String transport) {

  static SipAddress parse(String uri) {
    boolean secure = uri.startsWith("sips:");
    String rest = uri.substring(uri.indexOf(':') + 1);
    String params = "";
    int semicolon = rest.indexOf(';');
    if (semicolon >= 0) {
      params = rest.substring(semicolon).toLowerCase(java.util.Locale.ROOT);
      rest = rest.substring(0, semicolon);
    }
    int at = rest.indexOf('@');
    String user = at < 0 ? "" : rest.substring(0, at);
    String hostPort = rest.substring(at + 1);
    String transport = secure || params.contains("transport=tls") ? "tls"
        : params.contains("transport=tcp") ? "tcp" : "udp";
    int port = "tls".equals(transport) ? 5061 : 5060;
    String host = hostPort;
    int close = hostPort.lastIndexOf(']');
    int colon = hostPort.lastIndexOf(':');
    if (colon > close && (close >= 0 || hostPort.indexOf(':') == colon)) {
      host = hostPort.substring(0, colon);
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        host = hostPort; // not a port: keep the text whole and let the SIP side report it
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new SipAddress(user, host, port, transport);
  }
}
