package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.FakeAttachments;
import io.voicegateway.control.FakeDialer;
import io.voicegateway.control.FakeDialer.Named;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.FakeScheduler;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import io.voicegateway.control.route.Router;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A blind transfer's number routed as a call from the transferor: rung, 404 for no route, 480 for nobody there. */
class TransferRoutingTest {
  private static final Router ROUTER = Router.from(ConfigLoader.parse("""
      providers:
        - {id: carrier1, host: 203.0.113.5}
      devices:
        - {id: alice, password: a, extension: "101"}
        - {id: bob, password: b, extension: "102"}
      routes:
        - {direction: outbound, match: '0*', provider: carrier1, strip: 1, prepend: "+49"}
      """, Map.of()));

  private final FakeDialer dialer = new FakeDialer();
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final Policies policies = new Policies(dialer, new FakeScheduler(),
      new Transfers(lifecycle, (call, leg, reason) -> calls.removeLeg(call, leg)), new Teardown(lifecycle),
      attach());
  private AttachTarget attach() {
    FakeAttachments attachments = new FakeAttachments();
    return new AttachTarget(calls, attachments, new AudioFeed(attachments, lifecycle));
  }

  private final List<String> registered = List.of("bob");
  private final TransferRouting routing = new TransferRouting(policies, ROUTER,
      target -> target.devices().stream().filter(registered::contains).map(Named::new).toList(),
      Set.of("alice", "bob"), Set.of("carrier1"));
  private final Call call = new Call(CallDirection.INBOUND, "sip:+4930@trunk", "sip:101@gw", "cid", Map.of(), 0);
  private final RecordingProgress progress = new RecordingProgress();

  private Leg transferor(String peer) {
    Leg leg = Leg.of(LegKind.SIP, CallDirection.OUTBOUND);
    leg.endpoint(new FakeEndpoint());
    leg.state(LegState.CONNECTED);
    leg.peer(peer);
    calls.addLeg(call, leg);
    return leg;
  }

  private void transfer(Leg transferor, String number) {
    routing.transfer(call, transferor, number, "sip:" + number + "@gw", "caller", Map.of(), progress);
  }

  @Test
  void aRegisteredExtensionIsRung() {
    transfer(transferor("alice"), "102");

    assertTrue(dialer.dial("bob").started);
    assertTrue(progress.notified.isEmpty());
  }

  @Test
  void anExtensionNotRegisteredIs480() {
    transfer(transferor("bob"), "101");

    assertEquals(List.of("480 final"), progress.notified);
  }

  @Test
  void aStrangerTransferringOutIs404() {
    transfer(transferor("sip:someone@x"), "0301234");

    assertEquals(List.of("404 final"), progress.notified);
    assertTrue(dialer.dials.isEmpty());
  }

  @Test
  void aTransferorThatHungUpBeforeItsTurnIsTold487AndNothingIsDialled() {
    Leg transferor = transferor("alice");
    Promise<Void> earlierOperation = Promise.promise();
    call.enqueue(earlierOperation::future);

    routing.inTurn(call, transferor, progress, () -> transfer(transferor, "102"));
    calls.removeLeg(call, transferor);
    earlierOperation.complete();

    assertEquals(List.of("487 final"), progress.notified);
    assertTrue(dialer.dials.isEmpty());
  }

  @Test
  void aTransferorStillThereIsTransferredInItsTurn() {
    Leg transferor = transferor("alice");

    routing.inTurn(call, transferor, progress, () -> transfer(transferor, "102"));

    assertTrue(dialer.dial("bob").started);
  }
}
