package io.voicegateway;

import io.vertx.core.Vertx;

/**
 * Which Netty transport carries every Vert.x socket (RTP, HTTP, event-bus bridges; JAIN-SIP has its own sockets):
 * native epoll when {@code netty-transport-native-epoll} loads on this machine (Linux x86-64), else Java NIO
 * (issue 13). Reported by {@code GET /health} and once at start.
 */
final class NativeTransport {
  private NativeTransport() {}

  /** {@code "epoll"} or {@code "nio"}. */
  static String name(Vertx vertx) {
    return vertx.isNativeTransportEnabled() ? "epoll" : "nio";
  }

  static String describe(Vertx vertx) {
    if (vertx.isNativeTransportEnabled()) {
      return "Network transport: epoll (native)";
    }
    Throwable cause = vertx.unavailableNativeTransportCause();
    return "Network transport: nio (native epoll unavailable: "
        + (cause == null ? "not requested" : cause.getClass().getSimpleName() + ": " + cause.getMessage()) + ")";
  }
}
