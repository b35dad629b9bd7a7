package io.voicegateway.bridge;

import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Handler;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.VertxWrapper;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetServerInternal;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Vert.x instance handed to {@code TcpEventBusBridge.create}: the same Vert.x, remembering the NetServer the
 * bridge creates, so that {@link #guardConnections} can put a {@link FrameGuardHandler} in front of the bridge's own
 * connection handler. The bridge offers no hook before its frame parser (and no frame limit), and keeps its server
 * private, so this is where the guard can go in. Vert.x's internal wrapper API: BridgeFrameGuardTest fails if an
 * upgrade changes it.
 */
final class GuardedBridgeVertx extends VertxWrapper {
  private NetServerInternal server;

  GuardedBridgeVertx(VertxInternal vertx) {
    super(vertx);
  }

  @Override
  public NetServerInternal createNetServer(NetServerOptions options) {
    server = super.createNetServer(options);
    return server;
  }

  /** Call after the bridge is created, before it listens: each connection gets a guard, then the bridge's handler. */
  void guardConnections(AtomicLong refused) {
    if (server == null || server.connectHandler() == null) {
      throw new IllegalStateException("the TCP bridge created no server with a connect handler");
    }
    Handler<NetSocket> bridge = server.connectHandler();
    server.connectHandler(socket -> {
      ChannelHandlerContext vertxHandler = ((NetSocketInternal) socket).channelHandlerContext();
      vertxHandler.pipeline().addBefore(vertxHandler.name(), "vg-bridge-frame-guard", new FrameGuardHandler(refused));
      bridge.handle(socket);
    });
  }
}
