package io.voicegateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.testing.FakeClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Media events become call events stamped by the injected wall clock, and each digit is counted. */
class CallEventPublisherTest {

  @Test
  void stampsEventsWithTheInjectedClockAndCountsDigits() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      BusCodecs.registerAll(vertx);
      FakeClock wall = new FakeClock();
      wall.advance(Duration.ofMillis(1234));
      GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
      MediaTransport media = MediaTransport.create(TestMediaConfig.gateway(42100, 42109).media(), metrics,
          () -> 0L, wall);
      CompletableFuture<CallEvent> dtmf = new CompletableFuture<>();
      vertx.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, m -> {
        if (m.body().type() == CallEventType.DTMF_RECEIVED) {
          dtmf.complete(m.body());
        }
      }).completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      new CallEventPublisher(vertx, media).dtmf("call-1", "leg-1", '5', 120);

      CallEvent event = dtmf.get(30, TimeUnit.SECONDS);
      assertEquals(wall.millis(), event.timestampMs());
      assertEquals("call-1", event.callId());
      assertEquals("5", event.digit());
      assertEquals(120, event.durationMs());
      assertEquals(1.0, metrics.registry().get(GatewayMetrics.DTMF_EVENTS).counter().count());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
