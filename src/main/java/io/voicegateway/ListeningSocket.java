package io.voicegateway;

import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.MediaConfig;
import io.voicegateway.sip.stack.SipStackFactory;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A socket the gateway listens on from start-up, with the verticle that opens it and the key that sets
 * its port. RTP ports are not among them: they are bound per call, and a busy one is skipped there.
 *
 * @param verticle  the deployment label in {@link Gateway} that binds it
 * @param service   SIP, HTTP or BUS (the TCP event-bus bridge)
 * @param transport udp, tcp, tls, ws or wss
 * @param portKey   the configuration key to change when the port is taken
 */
record ListeningSocket(String verticle, String service, String transport, String host, int port, String portKey) {

  /** Every socket of {@code config} that start-up binds, in deployment order. */
  static List<ListeningSocket> of(GatewayConfig config) {
    MediaConfig media = config.media();
    List<ListeningSocket> sockets = new ArrayList<>();
    for (String transport : media.sipTransports()) {
      sockets.add(new ListeningSocket("sip", "SIP", transport, media.bindAddress(),
          SipStackFactory.port(media, transport), portKey(transport)));
    }
    if (config.bridge().tcpEnabled()) {
      sockets.add(new ListeningSocket("bridge", "BUS", "tcp", config.bridge().tcpHost(), config.bridge().tcpPort(),
          "bridge.tcp_port"));
    }
    sockets.add(new ListeningSocket("http", "HTTP", "tcp", config.http().host(), config.http().port(), "http.port"));
    return sockets;
  }

  private static String portKey(String sipTransport) {
    return switch (sipTransport) {
      case "ws" -> "media.sip_ws_port";
      case "wss" -> "media.sip_wss_port";
      default -> "media.sip_port";
    };
  }

  /**
   * Whether this socket can be bound now. Used after a failed start to tell which of a verticle's
   * sockets was in the way (JAIN-SIP's error does not say which transport failed); port 0 always can.
   */
  boolean bindable() {
    InetSocketAddress address = new InetSocketAddress(host, port);
    try {
      if ("udp".equals(transport)) {
        new DatagramSocket(address).close();
      } else {
        new ServerSocket(port, 1, address.getAddress()).close();
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return service + " " + transport + " " + host + ":" + port;
  }
}
