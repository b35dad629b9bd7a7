package io.voicegateway.it.support;

import io.vertx.core.Vertx;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.SipCallMetrics;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.sip.SipVerticle;
import java.util.concurrent.TimeUnit;

/**
 * The SIP verticle deployed in-process on 127.0.0.1 with {@link FakeMedia} answering the media commands.
 * The lead can switch tests to the full gateway by deploying the media verticles instead of FakeMedia.
 */
public final class GatewayUnderTest implements AutoCloseable {
  public final Vertx vertx = Vertx.vertx();
  public final GatewayMetrics metrics = GatewayMetrics.detached();
  public final FakeMedia media;
  public final SipVerticle sip;
  public final GatewayConfig config;
  private final String deploymentId;

  public GatewayUnderTest(GatewayConfig config) throws Exception {
    this(config, io.vertx.core.Future.succeededFuture());
  }

  /** Takes calls only once {@code ready} succeeds, as the gateway's SIP does once its media is warm. */
  public GatewayUnderTest(GatewayConfig config, io.vertx.core.Future<?> ready) throws Exception {
    this.config = config;
    BusCodecs.registerAll(vertx);
    media = new FakeMedia(vertx);
    sip = new SipVerticle(config, new SipCallMetrics(metrics)).takeCallsOnce(ready);
    deploymentId = vertx.deployVerticle(sip).await(20, TimeUnit.SECONDS);
  }

  public int port() {
    return config.media().sipPort();
  }

  /** {@code 127.0.0.1:port} for SIPp's remote-host argument. */
  public String target() {
    return "127.0.0.1:" + port();
  }

  /**
   * Awaits {@code condition} for at most {@code seconds}: true once it holds, false if it never did (the
   * caller asserts with its own message). Checked on the calling thread, as the conditions expect.
   */
  public static boolean eventually(int seconds, java.util.function.BooleanSupplier condition) {
    try {
      org.awaitility.Awaitility.await().pollInSameThread().pollDelay(java.time.Duration.ZERO)
          .pollInterval(java.time.Duration.ofMillis(50)).atMost(java.time.Duration.ofSeconds(seconds))
          .until(condition::getAsBoolean);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return condition.getAsBoolean();
    }
  }

  @Override
  public void close() throws Exception {
    vertx.undeploy(deploymentId).await(20, TimeUnit.SECONDS);
    vertx.close().await(20, TimeUnit.SECONDS);
  }
}
