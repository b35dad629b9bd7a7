package io.voicegateway.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports free on 127.0.0.1 for both UDP and TCP (SIP listens on both). */
public final class FreePorts {
  private FreePorts() {}

  /** A port free for UDP and TCP; with {@code pair} also the next one (for TLS beside TCP, RTCP beside RTP). */
  public static int find(boolean pair) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = tcp.getLocalPort();
        if (port > 65000 || !free(port) || (pair && !free(port + 1))) {
          continue;
        }
        return port;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port");
  }

  public static int find() {
    return find(false);
  }

  private static boolean free(int port) {
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
