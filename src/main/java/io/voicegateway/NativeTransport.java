package io.voicegateway;

import io.vertx.core.Vertx;

/**
 * Which Netty transport carries every Vert.x socket (RTP, HTTP, event-bus bridges; JAIN-SIP has its own sockets):
 * native epoll when {@code netty-transport-native-epoll} loads on this machine (Linux x86-64), else Java NIO
 * (issue 13). Reported by {@code GET /health} and once at start.
 */
final class NativeTransport {
  private NativeTransport() {}

  /**
   * Whether to prefer epoll: {@code -Dvg.native_transport=true}. Off by default until EchoAudioIT and StrictRtpIT
   * pass repeatedly on it on a quiet machine: on the busy 2-core build machine both transports returned late,
   * scrambled echoes (up to ~400 ms), epoll more often in runs that also met higher loads, and no cause specific to
   * epoll was found (docs/performance.md, RTP I/O).
   */
  static boolean requested() {
    return Boolean.getBoolean("vg.native_transport");
  }

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
        + (cause == null || !requested() ? "not requested (-Dvg.native_transport=true)" : cause.getClass().getSimpleName() + ": " + cause.getMessage()) + ")";
  }
}
