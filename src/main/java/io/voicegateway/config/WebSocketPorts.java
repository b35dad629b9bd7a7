package io.voicegateway.config;

import java.util.List;

/**
 * Checks the ports of SIP over WebSocket (RFC 7118) against the other sockets of the {@code media:} section: each
 * WebSocket listener is a TCP socket of its own, so it may share no port with SIP over TCP/TLS, with the other
 * WebSocket listener, nor lie in the RTP range. Only the transports listed in {@code sip_transport} are checked.
 */
final class WebSocketPorts {
  private WebSocketPorts() {}

  static void check(ConfigMap media, List<String> transports, int sipPort, int wsPort, int wssPort, PortRange rtp) {
    boolean ws = transports.contains("ws");
    boolean wss = transports.contains("wss");
    if (ws) {
      checkOne(media, "sip_ws_port", wsPort, transports, sipPort, rtp);
    }
    if (wss) {
      checkOne(media, "sip_wss_port", wssPort, transports, sipPort, rtp);
    }
    if (ws && wss && wsPort == wssPort) {
      throw media.get("sip_wss_port").error(wssPort + " is sip_ws_port too; ws and wss need a port each");
    }
  }

  private static void checkOne(ConfigMap media, String key, int port, List<String> transports, int sipPort,
      PortRange rtp) {
    boolean tcpOrTls = transports.contains("tcp") || transports.contains("tls");
    // TLS takes sip_port + 1 when TCP is listed too (SipStackFactory.port)
    boolean tlsNext = transports.contains("tls") && transports.contains("tcp");
    if (tcpOrTls && (port == sipPort || (tlsNext && port == sipPort + 1))) {
      throw media.get(key).error(port + " is taken by SIP over " + (port == sipPort ? "TCP/TLS (sip_port)"
          : "TLS (sip_port + 1)") + "; choose another port");
    }
    if (port >= rtp.min() && port <= rtp.max()) {
      throw media.get(key).error(port + " lies inside rtp_port_range " + rtp.min() + "-" + rtp.max()
          + "; choose a port outside it");
    }
  }
}
