package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.voicegateway.bus.Addresses;
import io.voicegateway.control.Call;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.sip.stack.SipStackFactory;
import io.voicegateway.sip.stack.SipStackHandle;
import io.voicegateway.sip.trace.SipTraceService;
import io.voicegateway.sip.trunk.ProviderRegistrations;
import io.voicegateway.sip.trunk.RegistrationSchedule;
import io.voicegateway.sip.trunk.TrunkRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
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

  private final GatewayConfig config;
  private final GatewayMetrics metrics;
  private SipStackHandle sip;
  private SipServices services;
  private Teardown teardown;
  private UacService uac;
  private OptionsKeepalive keepalive;
  private final List<TrunkRegistration> trunks = new ArrayList<>();

  public SipVerticle(GatewayConfig config, GatewayMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    SipEventBridge bridge = new SipEventBridge(context);
    return vertx.executeBlocking(() -> SipStackFactory.create(config.media(), bridge)).map(handle -> {
      sip = handle;
      services = new SipServices(vertx, config, metrics, handle);
      teardown = new Teardown(services.control.policies().teardown());
      uac = new UacService(context, services);
      RequestDispatcher dispatcher = new RequestDispatcher(services.messages, services.checks, services.registrar(),
          handlers(services, teardown));
      bridge.bind(handle.provider(), new Events(dispatcher));
      ControlBusApi.register(vertx, uac, services.registrar(), services.qualifier(), services::trunkRegistration,
          config.providers(), services.calls(), services.legs(), services::now);
      services.streaming.listen(services.calls(), services.control.feed());
      new CallRecordingBus(vertx, services::now).listen(services.calls(), services.lifecycle);
      SipTraceService.start(vertx, handle, services::sipCallIdsOf);
      keepalive = new OptionsKeepalive(vertx, config, services.providerRegistrations, services.requests,
          services.client);
      keepalive.start();
      services.qualifier().start(vertx);
      startTrunkRegistrations();
      LOG.fine(() -> "SIP listening on " + config.media().bindAddress() + ":" + config.media().sipPort() + " "
          + config.media().sipTransports());
      return this;
    });
  }

  @Override
  public Future<?> stop() {
    if (sip == null) {
      return Future.succeededFuture();
    }
    keepalive.stop();
    services.qualifier().stop();
    List<Future<?>> ending = new ArrayList<>();
    trunks.forEach(t -> ending.add(t.stop()));
    for (Call call : List.copyOf(services.calls().calls())) {
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
    return services.trunkRegistration(providerId);
  }

  /** The stack's addresses and ports, e.g. for tests. */
  public SipStackHandle stack() {
    return sip;
  }

  /** The per-method handlers, each given the collaborators it uses. */
  private RequestDispatcher.Handlers handlers(SipServices s, Teardown teardown) {
    String publicAddress = s.publicAddress();
    InviteHandler invite = new InviteHandler(s.authenticator, s.messages, s.legs, s.sdp, metrics, publicAddress,
        s.legMedia, s.lifecycle, s.control.inbound(), s.control.policies().attach());
    return new RequestDispatcher.Handlers(invite,
        new ReinviteHandler(s.legs, s.messages, s.sdp, metrics, publicAddress, s.legMedia, s.control.hold()),
        new AckHandler(s, teardown),
        new ByeHandler(s.legs, s.messages, s.control.remoteHangUp()),
        new CancelHandler(s.legs, s.messages, teardown),
        new OptionsHandler(s.messages, s.checks),
        new ReferHandler(s),
        new NotifyHandler(s.legs, s.messages, s.control.referredAway()),
        new Replaces(s, invite));
  }

  /** Each distinct registration once, though media.registrations also appear as providers. */
  private void startTrunkRegistrations() {
    for (ProviderRegistrations.Entry entry : services.providerRegistrations.entries()) {
      TrunkRegistration trunk = new TrunkRegistration(vertx, sip, entry.registration(),
          req -> services.client.send(req, null, null), RegistrationSchedule.defaults(),
          e -> vertx.eventBus().publish(Addresses.TRUNK_REGISTRATION_EVENTS, e), System::currentTimeMillis);
      trunks.add(trunk);
      services.trunkRegistrations.put(entry.providerId(), trunk);
      trunk.start();
    }
    // trunk host names, for recognising calls by the registration they arrive on: DNS off the event loop
    vertx.executeBlocking(() -> {
      services.providerRegistrations.resolveHostNames();
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
      services.messages.rejectStateless(request, reason);
    }

    @Override
    public void onResponse(ResponseEvent event) {
      services.client.onResponse(event);
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
      services.client.onTimeout(event);
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
      SipLeg leg = services.legs().bySipCallId(callId).orElse(null);
      if (leg != null && leg.dialog() == dialog) {
        services.legs().callBySipCallId(callId).ifPresent(call -> teardown.lost(call, leg, reason));
      }
    }
  }
}
