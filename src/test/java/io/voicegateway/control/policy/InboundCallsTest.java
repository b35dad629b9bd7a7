package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.FakeDialer;
import io.voicegateway.control.FakeDialer.Named;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.FakeScheduler;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.control.route.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A new caller routed: an app answered here, devices rung through, 404 and 403 refusals; no SIP, no sleep. */
class InboundCallsTest {
  private static final Router ROUTER = Router.from(ConfigLoader.parse("""
      providers:
        - {id: carrier1, host: 203.0.113.5}
      devices:
        - {id: alice, password: a, extension: "101"}
        - {id: bob, password: b, extension: "102"}
      routes:
        - {direction: inbound, match: echo, app: echo, from: any}
        - {direction: outbound, match: '0*', provider: carrier1, strip: 1, prepend: "+49"}
      """, Map.of()));

  private final FakeDialer dialer = new FakeDialer();
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final Bridge bridge = new Bridge(dialer, new FakeScheduler(),
      target -> target.devices().isEmpty() ? List.of(new Named(target.name())) // a trunk
          : target.devices().stream().map(Named::new).toList(), lifecycle);
  private final InboundCalls inbound = new InboundCalls(ROUTER, calls, lifecycle, bridge, () -> 42);

  /** The caller's leg kind, recording what control asked of it. */
  private static class FakeCaller implements InboundCalls.Caller {
    final List<String> said = new ArrayList<>();
    final FakeEndpoint endpoint = new FakeEndpoint();
    final Leg leg = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    Call call;

    @Override
    public void refuse(int status) {
      said.add("refuse " + status);
    }

    @Override
    public Leg joins(Call call) {
      this.call = call;
      call.addLeg(leg);
      leg.endpoint(endpoint);
      said.add("joins");
      return leg;
    }

    @Override
    public Future<Void> answerHere(Call call) {
      said.add("answer here");
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Bridge.Caller>> readyToRing(Call call) {
      said.add("ready to ring");
      return Future.succeededFuture(Optional.of(new Bridge.Caller(endpoint, "alice", Map.of(), false)));
    }

    @Override
    public void fail(Call call, int status) {
      said.add("fail " + status);
    }
  }

  private FakeCaller offer(String number, CallSource source) {
    FakeCaller caller = new FakeCaller();
    inbound.offer(new InboundCalls.Offer(number, source, "sip:from@x", "sip:" + number + "@gw", "cid", Map.of()),
        caller);
    return caller;
  }

  @Test
  void anAppTargetIsAnsweredHere() {
    FakeCaller caller = offer("echo", CallSource.unknown());

    assertEquals(List.of("joins", "answer here"), caller.said);
    assertEquals(RouteTarget.Kind.APP, caller.call.target().kind());
    assertEquals(CallDirection.INBOUND, caller.call.direction());
    assertEquals("sip:from@x", caller.leg.peer(), "an unknown caller is named by its URI");
    assertEquals(List.of(CallEventType.CALL_STARTED), lifecycle.events);
    assertTrue(calls.byId(caller.call.id()).isPresent());
    assertTrue(dialer.dials.isEmpty());
  }

  @Test
  void aDeviceIsRungThroughAndItsAnswerAnswersTheCaller() {
    FakeCaller caller = offer("102", CallSource.device("alice"));

    assertEquals(List.of("joins", "ready to ring"), caller.said);
    assertEquals("alice", caller.leg.peer());
    assertTrue(dialer.dial("bob").started);
    dialer.dial("bob").answer();
    assertEquals(List.of("answer"), caller.endpoint.said);
  }

  @Test
  void aDeviceDiallingOutMakesAnOutboundCallThroughTheTrunk() {
    FakeCaller caller = offer("0301234", CallSource.device("alice"));

    assertEquals(CallDirection.OUTBOUND, caller.call.direction());
    assertTrue(dialer.dial("carrier1").started);
  }

  @Test
  void anUnknownNumberIsRefused404WithoutACall() {
    FakeCaller caller = offer("4711", CallSource.device("alice"));

    assertEquals(List.of("refuse 404"), caller.said);
    assertTrue(calls.calls().isEmpty());
    assertTrue(lifecycle.events.isEmpty());
  }

  @Test
  void aStrangerDiallingOutIsRefused403() {
    FakeCaller caller = offer("0301234", CallSource.unknown());

    assertEquals(List.of("refuse 403"), caller.said);
    assertTrue(calls.calls().isEmpty());
  }

  @Test
  void anAnswerThatFailsRefusesTheCaller500() {
    FakeCaller caller = new FakeCaller() {
      @Override
      public Future<Void> answerHere(Call call) {
        return Future.failedFuture(new IllegalStateException("media side gone"));
      }
    };
    inbound.offer(new InboundCalls.Offer("echo", CallSource.trunk("carrier1"), "sip:a@x", "sip:echo@gw", "cid",
        Map.of()), caller);

    assertEquals(List.of("joins", "fail 500"), caller.said);
    assertEquals("carrier1", caller.leg.peer());
  }
}
