package io.voicegateway.bridge;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.voicegateway.bus.CallBus;
import io.voicegateway.config.BridgeConfig;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The event-bus bridges' shared part (command adapters) and the TCP bridge:
 * frames of a 4-byte big-endian length and a JSON object (vertx-tcp-eventbus-bridge), with the
 * permissions of {@link BridgePermissions}. When a token is required, a frame that registers, sends or
 * publishes without {@code headers.token} is refused; the token is removed before a message goes on. A frame length
 * the bridge's parser cannot take closes the connection before the parser runs ({@link FrameLengthGuard}).
 */
public final class BridgeVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(BridgeVerticle.class.getName());

  private final BridgeConfig config;
  private final String token;
  private final boolean clustered;
  private BridgeCommands commands;
  private TcpEventBusBridge tcp;
  /** Connections closed for a frame length the bridge's parser cannot take (see {@link FrameLengthGuard}). */
  private final AtomicLong refusedFrames = new AtomicLong();
  /** Frames refused for a missing or wrong {@code headers.token} (register, send, publish). */
  private final AtomicLong refusedTokens = new AtomicLong();

  /**
   * @param token     {@code http.api_token}
   * @param clustered {@code cluster.enabled}: commands go to the node that holds the call (see {@link CallBus})
   */
  public BridgeVerticle(BridgeConfig config, String token, boolean clustered) {
    this.config = config;
    this.token = token;
    this.clustered = clustered;
  }

  @Override
  public Future<?> start() {
    commands = new BridgeCommands(vertx.eventBus(), new CallBus(vertx, clustered));
    Future<?> registered = commands.register();
    if (!config.tcpEnabled()) {
      return registered;
    }
    GuardedBridgeVertx guarded = new GuardedBridgeVertx((VertxInternal) vertx);
    tcp = TcpEventBusBridge.create(guarded, BridgePermissions.tcp(), new NetServerOptions(), this::check);
    guarded.guardConnections(refusedFrames);
    return registered
        .compose(v -> tcp.listen(config.tcpPort(), config.tcpHost()))
        .onSuccess(b -> LOG.fine(() -> "TCP event-bus bridge on " + config.tcpHost() + ":" + config.tcpPort()));
  }

  private void check(BridgeEvent event) {
    BridgeEventType type = event.type();
    boolean guarded = type == BridgeEventType.SEND || type == BridgeEventType.PUBLISH
        || type == BridgeEventType.REGISTER;
    if (!guarded || !config.tcpRequireToken()) {
      event.complete(true);
      return;
    }
    if (!BridgeToken.allows(event.getRawMessage(), token)) {
      refusedTokens.incrementAndGet();
      event.complete(false);
      return;
    }
    event.getRawMessage().getJsonObject("headers").remove(BridgeToken.HEADER);
    event.complete(true);
  }

  /** How many connections were closed for a frame length outside 0..{@link FrameLengthGuard#MAX_FRAME}. */
  public long refusedFrames() {
    return refusedFrames.get();
  }

  /** How many register, send and publish frames were refused for their token. */
  public long refusedTokens() {
    return refusedTokens.get();
  }

  @Override
  public Future<?> stop() {
    Future<?> closed = tcp == null ? Future.succeededFuture() : tcp.close();
    return closed.compose(v -> commands.unregister());
  }
}
