package io.voicegateway.browser;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.WebRtcCommands.PhoneCall;
import io.voicegateway.bus.WebRtcCommands.PhoneRegister;
import io.voicegateway.bus.WebRtcCommands.SessionLink;
import io.voicegateway.bus.WebRtcCommands.SessionLinked;
import io.voicegateway.bus.WebRtcCommands.SessionOffer;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Dialers;
import io.voicegateway.control.FakeAttachments;
import io.voicegateway.control.FakeDialer;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.FakeScheduler;
import io.voicegateway.control.Leg;
import io.voicegateway.control.policy.CallControl;
import io.voicegateway.control.route.RouteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Call control as the SIP verticle composes it, with the browser leg kind real and everything else fake: SIP
 * destinations are {@link FakeDialer.Named} ("sip:alice", "trunk"), the media a port table, time a hand-stepped
 * scheduler, the pages' events a list.
 */
public final class BrowserHarness {
  static final String CONFIG = """
      providers:
        - {id: carrier1, host: 203.0.113.5}
      devices:
        - {id: alice, password: secret-a, extension: "101"}
        - {id: bob, password: secret-b, extension: "102"}
      routes:
        - {direction: inbound, match: "echo", app: echo, from: any}
        - {direction: inbound, match: "500", ring: [alice, bob], ring_timeout: 20s, from: any}
        - {direction: outbound, match: "0*", provider: carrier1}
      """;

  final GatewayConfig config = ConfigLoader.parse(CONFIG, Map.of());
  public final CallRegistry calls = new CallRegistry();
  final FakeLifecycle fakeLifecycle = new FakeLifecycle();
  final FakeScheduler scheduler = new FakeScheduler();
  final FakeDialer sip = new FakeDialer();
  final FakeBrowserMedia media = new FakeBrowserMedia();
  final FakeAttachments attachments = new FakeAttachments();
  final List<String> pageEvents = new ArrayList<>();
  public final Browsers browsers;
  public final CallControl control;
  public final BrowserSignalling signalling;

  BrowserHarness() {
    this(null);
  }

  /** With {@code vertx}: the browser leg kind's media and page events go over its bus, as in the gateway. */
  public BrowserHarness(Vertx vertx) {
    browsers = vertx != null ? Browsers.overBus(vertx, calls, scheduler, config.devices())
        : new Browsers(calls, media, (owner, e) -> pageEvents.add(owner + " " + e.type() + " " + e.callId()
            + (e.reason() == null ? "" : " " + e.reason())), scheduler, config.devices());
    BrowserMedia closing = vertx != null ? new BusBrowserMedia(vertx.eventBus()) : media;
    CallLifecycle lifecycle = new CallLifecycle() { // as the real one: an ended call's media closes, it is forgotten
      @Override
      public void publish(Call call, CallEventType type, String reason) {
        fakeLifecycle.publish(call, type, reason);
      }

      @Override
      public void moveTo(Call call, CallState state, String reason) {
        fakeLifecycle.moveTo(call, state, reason);
      }

      @Override
      public void terminate(Call call, String reason) {
        if (call.state() != CallState.TERMINATED) {
          call.legs().forEach(leg -> closing.close(call, leg, reason));
          fakeLifecycle.terminate(call, reason);
          calls.remove(call);
        }
      }
    };
    control = new CallControl(new CallControl.Wiring(calls, lifecycle,
        new Dialers().with(FakeDialer.Named.class, sip).with(BrowserTarget.class, browsers.dialer()), scheduler,
        (call, leg, reason) -> {
          closing.close(call, leg, reason);
          calls.removeLeg(call, leg);
        }, attachments, attachments, Dialers.union(BrowserHarness::sipDestinations, browsers::destinations),
        () -> 0L), config);
    signalling = browsers.signalling(control, () -> 0L);
  }

  /** A device's one SIP binding ("sip:alice"), a provider's trunk ("trunk"). */
  private static List<FakeDialer.Named> sipDestinations(RouteTarget target) {
    return switch (target.kind()) {
      case DEVICES -> target.devices().stream().map(d -> new FakeDialer.Named("sip:" + d)).toList();
      case PROVIDER -> List.of(new FakeDialer.Named("trunk"));
      default -> List.of();
    };
  }

  void login(String owner, String device, String password) {
    signalling.register(new PhoneRegister(owner, device, password)).result();
  }

  String pendingCall(String number) {
    return signalling.call(new PhoneCall(null, number, Map.of())).result().callId();
  }

  void offer(String owner, String sessionId) {
    Future<?> answer = signalling.offer(new SessionOffer(owner, sessionId, "v=0 offer"));
    if (answer.failed()) {
      throw new AssertionError(answer.cause());
    }
  }

  Future<SessionLinked> link(String owner, String sessionId, String callId) {
    return signalling.link(new SessionLink(owner, sessionId, callId));
  }

  /** The three steps of a page's own call. */
  Call place(String owner, String sessionId, String number) {
    String id = pendingCall(number);
    offer(owner, sessionId);
    link(owner, sessionId, id).result();
    return calls.byId(id).orElseThrow();
  }

  /** The status a failed step carries. */
  static int status(Future<?> f) {
    if (!f.failed()) {
      throw new AssertionError("expected a failure, got " + f);
    }
    return ((CallFailure) f.cause()).status();
  }

  Leg browserLeg(Call call) {
    return call.legs().stream().filter(l -> l.kind() == io.voicegateway.control.LegKind.WEBRTC).findFirst()
        .orElseThrow();
  }
}
