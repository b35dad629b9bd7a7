package io.voicegateway.control.policy;

import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.LiveConfig;
import io.voicegateway.control.Attachments;
import io.voicegateway.control.AudioFeeds;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Dialer;
import io.voicegateway.control.LegRemoval;
import io.voicegateway.control.Scheduler;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.control.route.Router;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Call control as a whole, built once by the owner of the calls from what the leg kinds and the media plug in ({@link Wiring}):
 * the routing and every B2BUA policy, each handed the few collaborators it needs.
 */
public final class CallControl {
  /**
   * What the owner of the calls plugs in.
   *
   * @param destinations turns a routed target into the destinations to ring (device bindings, a trunk)
   * @param clock        the epoch milliseconds calls are stamped with
   */
  public record Wiring(CallRegistry calls, CallLifecycle lifecycle, Dialer dialer, Scheduler scheduler,
      LegRemoval removal, Attachments attachments, AudioFeeds feeds,
      Function<RouteTarget, List<? extends Destination>> destinations, LongSupplier clock) {}

  private final Router router;
  private final Policies policies;
  private final AudioFeed feed;
  private final Hold hold;
  private final InboundCalls inbound;
  private final Originate originate;
  private final TransferRouting transferRouting;
  private final ReferredAway referredAway;
  private final SendDigits sendDigits;
  private final ClickToCall clickToCall;
  private final CallParty party;
  private final RemoteHangUp remoteHangUp;
  private final AnswerConfirmed answerConfirmed;
  private final CallLifecycle lifecycle;
  private final AppHandOff appHandOff;
  private final AddParty addParty;
  private final DropParty dropParty;
  private final Bridge bridge;

  public CallControl(Wiring w, GatewayConfig config) {
    this(w, () -> config);
  }

  /**
   * Reads routes, devices and providers per call from {@code live} (the gateway's {@code LiveConfig}), so a
   * reload applies to new calls while calls in progress keep what they were given.
   */
  public CallControl(Wiring w, Supplier<GatewayConfig> live) {
    this.router = Router.live(live);
    Supplier<Set<String>> deviceIds = LiveConfig.view(live,
        c -> c.devices().stream().map(d -> d.id()).collect(Collectors.toUnmodifiableSet()));
    Supplier<Set<String>> providerIds = LiveConfig.view(live,
        c -> c.providers().stream().map(p -> p.id()).collect(Collectors.toUnmodifiableSet()));
    this.feed = new AudioFeed(w.feeds(), w.lifecycle());
    CallLifecycle lifecycle = new FeedStoppingLifecycle(w.lifecycle(), feed);
    this.lifecycle = lifecycle;
    Transfers transfers = new Transfers(lifecycle, w.removal());
    this.policies = new Policies(w.dialer(), w.scheduler(), transfers, new Teardown(lifecycle),
        new AttachTarget(w.calls(), w.attachments(), feed));
    this.hold = new Hold(lifecycle);
    this.bridge = new Bridge(w.dialer(), w.scheduler(), w.destinations(), lifecycle);
    this.inbound = new InboundCalls(router, w.calls(), lifecycle, bridge, w.clock());
    this.originate = new Originate(w.dialer(), w.calls(), lifecycle, policies.teardown(), policies.attach(),
        w.clock());
    this.transferRouting = new TransferRouting(policies, router, w.destinations(), deviceIds, providerIds);
    this.referredAway = new ReferredAway(lifecycle, transfers, policies.teardown());
    this.sendDigits = new SendDigits(w.calls());
    this.party = new CallParty(w.calls());
    this.clickToCall = new ClickToCall(policies, router, w.calls(), w.destinations());
    this.answerConfirmed = new AnswerConfirmed(lifecycle, policies.attach());
    this.appHandOff = new AppHandOff(policies, w.calls(), router, w.destinations(), feed);
    this.dropParty = new DropParty(w.calls(), lifecycle, w.removal(), policies.teardown());
    this.remoteHangUp = new RemoteHangUp(transfers, policies.teardown(), dropParty);
    this.addParty = new AddParty(policies, router, w.calls(), lifecycle, w.destinations(), deviceIds);
  }

  public Router router() { return router; }
  /** What the policies that place calls inside a call share (dialer, timers, transfers, teardown, attach). */
  public Policies policies() { return policies; }
  public AudioFeed feed() { return feed; }
  public Hold hold() { return hold; }
  public InboundCalls inbound() { return inbound; }
  /** Rings a routed target for an unanswered caller of any leg kind (a browser's call of step 3, too). */
  public Bridge bridge() { return bridge; }
  public Originate originate() { return originate; }
  public TransferRouting transferRouting() { return transferRouting; }
  public ReferredAway referredAway() { return referredAway; }
  public SendDigits sendDigits() { return sendDigits; }
  public ClickToCall clickToCall() { return clickToCall; }
  /** The party the API's hold, resume and transfer act on. */
  public CallParty party() { return party; }
  public RemoteHangUp remoteHangUp() { return remoteHangUp; }
  public AnswerConfirmed answerConfirmed() { return answerConfirmed; }
  /** The owner's lifecycle as control uses it (a call's end also stops its feed): for a leg kind that ends calls. */
  public CallLifecycle lifecycle() { return lifecycle; }
  /** An app (the IVR) hands its call to a phone, a number or a stream. */
  public AppHandOff appHandOff() { return appHandOff; }
  /** Three-way calling: the API adds a party to a live call, or drops one. */
  public AddParty addParty() { return addParty; }
  public DropParty dropParty() { return dropParty; }
}
