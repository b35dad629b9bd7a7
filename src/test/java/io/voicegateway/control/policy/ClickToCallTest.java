package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.FakeAttachments;
import io.voicegateway.control.FakeDialer;
import io.voicegateway.control.FakeDialer.Named;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.FakeScheduler;
import io.voicegateway.control.Leg;
import io.voicegateway.control.TestLegs;
import io.voicegateway.control.policy.ClickToCall.Contact;
import io.voicegateway.control.route.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Click-to-call decided in control: not registered is 480 and no route 404, both before the device rings; the
 * device is rung on its first reachable contact; once it answers its number is dialled into the same call, and a
 * callee that refuses hangs the device up. No SIP: contacts are plain records and the dialer is a fake.
 */
class ClickToCallTest {
  private static final Router ROUTER = Router.from(ConfigLoader.parse("""
      devices:
        - {id: alice, password: a, extension: "101"}
        - {id: bob, password: b, extension: "102"}
      """, Map.of()));

  private final FakeDialer dialer = new FakeDialer();
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final FakeAttachments attachments = new FakeAttachments();
  private final Policies policies = new Policies(dialer, new FakeScheduler(),
      new Transfers(lifecycle, (call, leg, reason) -> calls.removeLeg(call, leg)), new Teardown(lifecycle),
      new AttachTarget(calls, attachments, new AudioFeed(attachments, lifecycle)));
  private final ClickToCall clickToCall = new ClickToCall(policies, ROUTER, calls,
      target -> target.devices().stream().map(Named::new).toList());

  private final List<String> rung = new ArrayList<>();
  private final Call call = new Call(CallDirection.OUTBOUND, "sip:102@gw", "sip:alice@10.0.0.5", "cid", Map.of(), 0);
  private final FakeEndpoint device = new FakeEndpoint();
  private Leg deviceLeg;

  /** Rings the device and answers at once: the call exists with the device's leg, as after a placed call. */
  private Future<String> ring(String reach) {
    rung.add(reach);
    calls.add(call);
    deviceLeg = TestLegs.connected(calls, call, device);
    return Future.succeededFuture(call.id());
  }

  private static Contact contact(String reach, boolean reachable) {
    return new Contact("alice", reach, reachable);
  }

  @Test
  void aDeviceNotRegisteredIs480AndNobodyRings() {
    Future<String> result = clickToCall.start("101", "102", List.of(), this::ring);

    assertEquals(480, ((CallFailure) result.cause()).status());
    assertTrue(result.cause().getMessage().contains("101 is not registered"), result.cause().getMessage());
    assertTrue(rung.isEmpty());
  }

  @Test
  void aNumberWithNoRouteFromTheDeviceIs404AndNobodyRings() {
    Future<String> result = clickToCall.start("alice", "0049301234", List.of(contact("sip:a@1", true)), this::ring);

    assertEquals(404, ((CallFailure) result.cause()).status());
    assertTrue(rung.isEmpty());
  }

  @Test
  void theFirstReachableContactIsRungAndTheNumberDialledOnceTheDeviceAnswers() {
    Future<String> result = clickToCall.start("101", "102",
        List.of(contact("sip:a@stale", false), contact("sip:a@live", true), contact("sip:a@other", true)),
        this::ring);

    assertEquals(call.id(), result.result());
    assertEquals(List.of("sip:a@live"), rung);
    assertTrue(dialer.dial("bob").started);
    assertEquals("alice", dialer.dial("bob").caller);
    assertEquals("alice", deviceLeg.peer());
  }

  @Test
  void withNoContactReachableTheFirstIsRungAnyway() {
    clickToCall.start("alice", "102", List.of(contact("sip:a@one", false), contact("sip:a@two", false)), this::ring);

    assertEquals(List.of("sip:a@one"), rung);
  }

  @Test
  void aCalleeThatRefusesHangsTheDeviceUp() {
    clickToCall.start("alice", "102", List.of(contact("sip:a@live", true)), this::ring);

    dialer.dial("bob").fail(486);

    assertTrue(device.said.contains("hangup"), device.said.toString());
    assertEquals(1, lifecycle.terminated.size());
  }
}
