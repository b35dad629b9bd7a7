package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.LegState;
import io.voicegateway.SipCallMetrics;
import io.voicegateway.metrics.GatewayMetrics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Call control's lifecycle on the SIP side: events on the bus, the call metrics, the media and SIP legs of an end. */
class BusCallLifecycleTest {
  private final Vertx vertx = Vertx.vertx();
  private final AtomicLong now = new AtomicLong(10_000);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GatewayMetrics metrics = new GatewayMetrics(registry);
  private final CallRegistry calls = new CallRegistry();
  private final SipLegs legs = new SipLegs(calls);
  private final BusCallLifecycle lifecycle;

  BusCallLifecycleTest() {
    BusCodecs.registerAll(vertx);
    lifecycle = new BusCallLifecycle(vertx.eventBus(), new SipCallMetrics(metrics), calls, legs, new BusMedia(vertx.eventBus()), now::get);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private Call call() {
    Call call = new Call(CallDirection.OUTBOUND, "sip:gw@x", "sip:bob@y", "a@gw", Map.of(), 0);
    calls.add(call);
    return call;
  }

  @Test
  void anEndedCallClosesTheMediaItOpenedCountsItsDurationAndIsForgotten() throws Exception {
    Promise<MediaCommands.LegClose> closed = Promise.promise();
    Promise<CallEvent> ended = Promise.promise();
    vertx.eventBus().<MediaCommands.LegClose>consumer(Addresses.MEDIA_LEG_CLOSE, m -> closed.tryComplete(m.body()));
    vertx.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, m -> {
      if (m.body().type() == CallEventType.CALL_TERMINATED) {
        ended.tryComplete(m.body());
      }
    });
    Call call = call();
    SipLeg open = SipLeg.outbound("a@gw", "t1");
    SipLeg neverOpened = SipLeg.outbound("b@gw", "t2");
    legs.add(call, neverOpened);
    legs.add(call, open);
    open.leg().mediaOpen(true);

    lifecycle.moveTo(call, CallState.CONNECTED, null);
    assertEquals(1, metrics.activeCalls());
    now.addAndGet(3_000);
    lifecycle.terminate(call, "bye");
    lifecycle.terminate(call, "again"); // idempotent: nothing counted twice

    MediaCommands.LegClose close = closed.future().await(5, TimeUnit.SECONDS);
    assertEquals(open.id(), close.legId());
    assertEquals("bye", close.reason());
    assertEquals("bye", ended.future().await(5, TimeUnit.SECONDS).reason());
    assertFalse(open.leg().mediaOpen());
    assertEquals(LegState.ENDED, neverOpened.leg().state());
    assertEquals(0, metrics.activeCalls());
    assertEquals(1, registry.find("vg_media_call_duration").timer().count());
    assertEquals(3.0, registry.find("vg_media_call_duration").timer().totalTime(TimeUnit.SECONDS), 1e-9);
    assertTrue(calls.byId(call.id()).isEmpty());
    assertTrue(legs.bySipCallId("a@gw").isEmpty());
  }

  @Test
  void aCallThatNeverConnectedEndsWithoutCountingADuration() {
    Call call = call();
    legs.add(call, SipLeg.outbound("c@gw", "t"));

    lifecycle.terminate(call, "rejected 486");

    assertEquals(CallState.TERMINATED, call.state());
    assertEquals(0, registry.find("vg_media_call_duration").timer().count());
    assertEquals(0, metrics.activeCalls());
  }

  @Test
  void aPartyThatLeavesIsForgottenWhileTheCallGoesOn() {
    Call call = call();
    SipLeg stays = SipLeg.outbound("d@gw", "t1");
    SipLeg leaves = SipLeg.outbound("e@gw", "t2");
    legs.add(call, stays);
    legs.add(call, leaves);
    leaves.leg().mediaOpen(true);

    lifecycle.leave(call, leaves.leg(), "transferred");

    assertFalse(leaves.leg().mediaOpen());
    assertTrue(legs.bySipCallId("e@gw").isEmpty());
    assertEquals(1, call.legs().size());
    assertTrue(calls.byId(call.id()).isPresent());
  }
}
