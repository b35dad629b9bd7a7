package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.voicegateway.browser.BrowserBusApi;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.ConfigCommands;
import io.voicegateway.control.Call;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.sip.registrar.SharedBindings;
import io.voicegateway.sip.registrar.Source;
import io.voicegateway.sip.guard.DeviceHosts;
import io.voicegateway.sip.guard.SipGuards;
import io.voicegateway.sip.stack.SipStackFactory;
import io.voicegateway.sip.stack.SipStackHandle;
import io.voicegateway.sip.trace.SipTraceService;
import io.voicegateway.sip.trunk.ProviderRegistrations;
import io.voicegateway.sip.trunk.RegistrationSchedule;
import io.voicegateway.sip.trunk.TrunkRegistration;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.message.Request;

/**
 * The SIP side of the gateway: owns the JAIN-SIP stack, the calls and their signalling. Every stack
 * callback hops onto this verticle's context, so the call state needs no locks. Answers the edges' call-control
 * requests and queries (among them {@link Addresses#SIP_CALLS}) through {@link ControlBusApi}.
 */
public final class SipVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(SipVerticle.class.getName());
  /** How long stop() waits for the BYE/CANCEL transactions of the calls it ends. */
  private static final long STOP_GRACE_MS = 2000;
  /** How soon a newly registered device's host is trusted by the SIP guards. */
  private static final long DEVICE_HOSTS_REFRESH_MS = 5000;

  private final GatewayConfig config;
  /** The configuration in force: what a reload changes (devices, providers, routes) is read from it per call. */
  private final Supplier<GatewayConfig> live;
  private final CallMetrics metrics;
  private final SipGuards guards;
  /** The cluster's registrations ({@link SharedBindings#NONE} on a single node). */
  private final SharedBindings sharedBindings;
  private SipStackHandle sip;
  private SipWiring wiring;
  private Teardown teardown;
  private UacService uac;
  private OptionsKeepalive keepalive;
  /** Whether this node drains (OPTIONS 503); see docs/scale-out.md. */
  private final NodeDrain drain = new NodeDrain();
  private final List<TrunkRegistration> trunks = new ArrayList<>();
  /** When calls are taken: at once unless the gateway says otherwise ({@link #takeCallsOnce}). */
  private Future<?> ready = Future.succeededFuture();
  private final Promise<Void> takingCalls = Promise.promise();
  private StartGate gate;

  public SipVerticle(GatewayConfig config, CallMetrics metrics) {
    this(() -> config, metrics, SipGuards.standalone(config.limits(), config.providers()));
  }

  /**
   * Follows {@code live} (the gateway's LiveConfig) and applies each {@code CONFIG_RELOADED} to what it runs.
   *
   * @param guards overload and abuse control, made by the composition root that sees the media side too
   */
  public SipVerticle(Supplier<GatewayConfig> live, CallMetrics metrics, SipGuards guards) {
    this(live, metrics, guards, SharedBindings.NONE);
  }

  /** @param sharedBindings the cluster's registrations: a device registered through any node is rung from this one */
  public SipVerticle(Supplier<GatewayConfig> live, CallMetrics metrics, SipGuards guards,
      SharedBindings sharedBindings) {
    this.config = live.get();
    this.live = live;
    this.metrics = metrics;
    this.guards = guards;
    this.sharedBindings = sharedBindings;
  }

  /**
   * Binds the stack and wires the SIP side at once, but takes calls only once {@code ready} succeeds (the gateway: its
   * media up and warm); until then new calls get 503 ({@link StartGate}), and trunk registrations, OPTIONS keepalive
   * and the call-control bus API wait too, so no peer is told of this node and no call is made before it is ready.
   * Without it a deployed verticle takes calls as soon as it has started. Call before deploying.
   */
  public SipVerticle takeCallsOnce(Future<?> ready) {
    this.ready = ready;
    return this;
  }

  /** Completes once the verticle takes calls (see {@link #takeCallsOnce}). */
  public Future<Void> takingCalls() {
    return takingCalls.future();
  }

  @Override
  public Future<?> start() {
    SipEventBridge bridge = new SipEventBridge(context);
    return vertx.executeBlocking(() -> SipStackFactory.create(config.media(), bridge, guards)).map(handle -> {
      sip = handle;
      SipWiring w = new SipWiring(vertx, live, metrics, handle, sharedBindings);
      wiring = w;
      w.devices.reportFailuresTo(host -> {
        InetAddress address = InviteAuthenticator.literal(host);
        if (address != null) {
          guards.abuse().authFailed(address); // enough of them ban the host before its requests are parsed
        }
      });
      teardown = new Teardown(w.control.policies().teardown());
      uac = new UacService(context, w.control, w.signalling, w.legs, w.sdp.preference(),
          new ClickToCall(w.registrar, w.qualifier, w.control.clickToCall()));
      gate = new StartGate(handle.messages(), handle.headers());
      RequestDispatcher dispatcher = new RequestDispatcher(w.messages, w.checks, w.registrar, handlers(w, teardown),
          gate);
      bridge.bind(handle.provider(), new Events(dispatcher));
      handle.onWebSocketClosed((transport, peer) -> context.runOnContext(v -> {
        Source connection = new Source(peer.getAddress().getHostAddress(), peer.getPort(), transport);
        w.registrar.connectionClosed(connection);
        w.progress.connectionClosed(connection);
      }));
      handle.onStreamClosed((transport, peer) -> context.runOnContext(v -> w.progress.connectionClosed(
          new Source(peer.getAddress().getHostAddress(), peer.getPort(), transport))));
      drain.listen(vertx);
      w.streaming.listen(w.calls, w.control.feed());
      new CallRecordingBus(vertx, w.clock).listen(w.calls, w.control.lifecycle());
      SipTraceService.start(vertx, handle, w.legs::sipCallIdsOf);
      keepalive = new OptionsKeepalive(vertx, config, w.providerRegistrations, w.requests, w.client);
      w.qualifier.start(vertx);
      vertx.setPeriodic(DEVICE_HOSTS_REFRESH_MS, id -> guards.trusted().devicesAt(
          DeviceHosts.of(w.bindings.all(), w.bindings.nodeHosts())));
      if (ready.succeeded()) {
        takeCalls(); // deployed on its own: as before, it takes calls once started
      } else {
        ready.onSuccess(v -> context.runOnContext(x -> takeCalls()));
      }
      LOG.fine(() -> "SIP listening on " + config.media().bindAddress() + ":" + config.media().sipPort() + " "
          + config.media().sipTransports());
      return this;
    });
  }

  /** On the SIP context: opens the gate and starts what announces this node or makes calls. */
  private void takeCalls() {
    SipWiring w = wiring;
    ControlBusApi.register(vertx, uac, w.registrar, w.qualifier, w.registrations::of, config.providers(), w.calls,
        w.legs, w.clock);
    BrowserBusApi.register(vertx, w.browserSignalling); // the dashboard phone, beside the calls it joins
    keepalive.start();
    startTrunkRegistrations();
    vertx.eventBus().<ConfigCommands.Reloaded>consumer(Addresses.CONFIG_EVENTS, msg -> {
      if ("APPLIED".equals(msg.body().status())) {
        applyReload();
      }
    });
    long refused = gate.open();
    if (refused > 0) {
      LOG.info("SIP: taking calls; " + refused + " INVITE/OPTIONS answered 503 while starting");
    }
    takingCalls.complete();
  }

  @Override
  public Future<?> stop() {
    if (sip == null) {
      return Future.succeededFuture();
    }
    keepalive.stop();
    wiring.qualifier.stop();
    List<Future<?>> ending = new ArrayList<>();
    trunks.forEach(t -> ending.add(t.stop()));
    for (Call call : List.copyOf(wiring.calls.calls())) {
      ending.add(teardown.hangup(call, "shutdown"));
    }
    return Future.join(ending)
        .timeout(STOP_GRACE_MS, TimeUnit.MILLISECONDS)
        .transform(ignored -> vertx.executeBlocking(() -> {
          sip.stop();
          return null;
        }));
  }

  /** The client-side API (originate, hold, resume, transfer, cancel, hang up); callable from any thread. */
  public UacService uac() {
    return uac;
  }

  /**
   * One per {@code media.registrations} entry and per provider with {@code register: true} (each distinct
   * registration once), in configuration order; read them on the SIP context.
   */
  public List<TrunkRegistration> trunkRegistrations() {
    return List.copyOf(trunks);
  }

  /**
   * The registration provider {@code providerId} keeps (media.registrations appear as {@code registration-N});
   * empty when it does not register. Read it on the SIP context, e.g. {@code publicAddress()} for Contact/SDP.
   */
  public Optional<TrunkRegistration> trunkRegistration(String providerId) {
    return wiring.registrations.of(providerId);
  }

  /** The stack's addresses and ports, e.g. for tests. */
  public SipStackHandle stack() {
    return sip;
  }

  /** The per-method handlers, each given the collaborators it uses. */
  private RequestDispatcher.Handlers handlers(SipWiring w, Teardown teardown) {
    String publicAddress = w.sip.publicAddress();
    InviteHandler invite = new InviteHandler(w.authenticator, w.messages, w.legs, w.sdp, metrics, publicAddress,
        w.legMedia, w.control.lifecycle(), w.control.inbound(), w.control.policies().attach(), w.progress);
    invite.admission(guards.admission(w.sip.messages(), w.sip.headers()));
    invite.held(new HeldBindingInvites(w.bindings, w.sip.messages()));
    AttendedTransfer attended = new AttendedTransfer(w.legs, vertx.eventBus(), w.control.policies());
    return new RequestDispatcher.Handlers(invite,
        new ReinviteHandler(w.legs, w.messages, w.sdp, metrics, publicAddress, w.legMedia, w.control.hold()),
        new AckHandler(w.legs, w.sdp, w.legMedia, metrics, teardown, w.control.answerConfirmed()),
        new ByeHandler(w.legs, w.messages, w.control.remoteHangUp()),
        new CancelHandler(w.legs, w.messages, teardown),
        new OptionsHandler(w.messages, w.checks, drain),
        new ReferHandler(w.legs, w.messages, w.sip, w.client, w.control.transferRouting(), attended),
        new NotifyHandler(w.legs, w.messages, w.control.referredAway()),
        new Replaces(w.legs, w.messages, w.authenticator, w.sdp, w.legMedia, w.control.policies().transfers(),
            invite));
  }

  /** Each distinct registration once, though media.registrations also appear as providers. */
  private void startTrunkRegistrations() {
    for (ProviderRegistrations.Entry entry : wiring.providerRegistrations.entries()) {
      startTrunkRegistration(entry);
    }
    resolveTrunkHosts();
  }

  private void startTrunkRegistration(ProviderRegistrations.Entry entry) {
    TrunkRegistration trunk = new TrunkRegistration(vertx, sip, entry.registration(),
        req -> wiring.client.send(req, null, null), RegistrationSchedule.defaults(),
        e -> vertx.eventBus().publish(Addresses.TRUNK_REGISTRATION_EVENTS, e), wiring.clock);
    trunks.add(trunk);
    wiring.registrations.started(entry, trunk);
    trunk.start();
  }

  /**
   * A reload put new devices, providers or routes in force (calls in progress keep their legs; routing and
   * authentication read the new ones by themselves): stops the registrations of removed or changed providers
   * (un-REGISTER), starts the new ones, drops the bindings of removed devices and re-plans OPTIONS keepalive.
   */
  private void applyReload() {
    GatewayConfig now = live.get();
    ProviderRegistrations.Changes changes = wiring.providerRegistrations.reload(now);
    for (ProviderRegistrations.Entry gone : changes.stopped()) {
      wiring.registrations.stopped(gone).ifPresent(trunk -> {
        trunks.remove(trunk);
        trunk.stop();
      });
    }
    changes.started().forEach(this::startTrunkRegistration);
    if (!changes.started().isEmpty()) {
      resolveTrunkHosts();
    }
    java.util.Set<String> devices = new java.util.HashSet<>();
    now.devices().forEach(d -> devices.add(d.id()));
    wiring.bindings.all().stream().map(b -> b.deviceId()).filter(id -> !devices.contains(id)).distinct()
        .forEach(wiring.bindings::removeAll);
    keepalive.stop();
    keepalive = new OptionsKeepalive(vertx, now, wiring.providerRegistrations, wiring.requests, wiring.client);
    keepalive.start();
    LOG.info(() -> "SIP: reloaded configuration in force (" + changes.stopped().size() + " trunk registrations stopped, "
        + changes.started().size() + " started)");
  }

  /** Trunk host names, for recognising calls by the registration they arrive on: DNS off the event loop. */
  private void resolveTrunkHosts() {
    vertx.executeBlocking(() -> {
      wiring.providerRegistrations.resolveHostNames();
      return null;
    });
  }

  /** Stack events, already on this verticle's context. */
  private final class Events implements SipEventBridge.Handler {
    private final RequestDispatcher dispatcher;

    Events(RequestDispatcher dispatcher) {
      this.dispatcher = dispatcher;
    }

    @Override
    public void onRequest(Request request, ServerTransaction st) {
      dispatcher.dispatch(request, st);
    }

    @Override
    public void onUntransacted(Request request, String reason) {
      wiring.messages.rejectStateless(request, reason);
    }

    @Override
    public void onResponse(ResponseEvent event) {
      wiring.client.onResponse(event);
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
      wiring.client.onTimeout(event);
    }

    @Override
    public void onDialogTerminated(Dialog dialog) {
      endIfCurrent(dialog, "dialog terminated");
    }

    @Override
    public void onDialogTimeout(Dialog dialog) {
      endIfCurrent(dialog, "no ACK");
    }

    /**
     * A dialog the stack gave up on: when it is still its leg's current one (not one a re-INVITE or a Replaces
     * left behind), call control decides what the lost party means for the call.
     */
    private void endIfCurrent(Dialog dialog, String reason) {
      String callId = dialog.getCallId().getCallId();
      SipLeg leg = wiring.legs.bySipCallId(callId).orElse(null);
      if (leg != null && leg.dialog() == dialog) {
        wiring.legs.callBySipCallId(callId).ifPresent(call -> teardown.lost(call, leg, reason));
      }
    }
  }
}
