package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.policy.CallControl;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.LegState;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Leg;
import io.voicegateway.control.MediaControl;
import io.voicegateway.control.route.SourceClassifier;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.codec.CodecType;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.sip.auth.DigestServer;
import io.voicegateway.sip.registrar.AuthThrottle;
import io.voicegateway.sip.registrar.Binding;
import io.voicegateway.sip.registrar.Bindings;
import io.voicegateway.sip.registrar.ConfiguredDevices;
import io.voicegateway.sip.registrar.DeviceAuthenticator;
import io.voicegateway.sip.registrar.Registrar;
import io.voicegateway.sip.registrar.RegistrarPolicy;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiator;
import io.voicegateway.sip.stack.SipStackHandle;
import io.voicegateway.sip.trunk.ProviderRegistrations;
import io.voicegateway.sip.trunk.TrunkRegistration;
import io.voicegateway.sip.trunk.ViaAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the per-method handlers share: the stack, the calls, the event bus, the negotiator. Also the few
 * call-level operations every handler needs (publish an event, open/start/close media, end a call).
 * Used only on the SIP verticle's context.
 */
public final class SipServices implements CallLifecycle {
  private static final Logger LOG = Logger.getLogger(SipServices.class.getName());
  /** How long an answer waits for the media side to confirm a leg's start (a cold JVM needs a few 100 ms). */
  static final long MEDIA_START_WAIT_MS = 2000;

  final Vertx vertx;
  final GatewayConfig config;
  final GatewayMetrics metrics;
  final SipStackHandle sip;
  final SipMessages messages;
  final CallRegistry calls = new CallRegistry();
  /** The SIP side of the calls' legs, by Call-ID and leg id. */
  final SipLegs legs = new SipLegs(calls, leg -> new SipEndpoint(this, leg));
  final SourceClassifier sources;
  final SdpNegotiator sdp;
  final RequestChecks checks = RequestChecks.defaults();
  final ClientRequests client;
  final RequestFactory requests;
  final Registrar registrar;
  /** Routed targets → the SIP destinations to dial (device bindings, trunks). */
  final TargetResolver targets;
  /** The registrar's location service, shared with INVITE source recognition and the qualifier. */
  final Bindings bindings;
  /** Who is calling: trunk, authenticated device (407/403 otherwise) or unknown. */
  final InviteAuthenticator authenticator;
  /** OPTIONS qualify of the registered bindings; {@code reachable(binding)} for forking. */
  final BindingQualifier qualifier;
  /** The registrations we keep with trunks (media.registrations and providers with register: true). */
  final ProviderRegistrations providerRegistrations;
  /** Running trunk registrations by the provider id of their {@link ProviderRegistrations.Entry}; SipVerticle fills it. */
  final Map<String, TrunkRegistration> trunkRegistrations = new LinkedHashMap<>();
  /** What SIP legs' endpoints ask of the media side (DTMF). */
  final MediaControl media;
  /** Calls' audio feeds over the bus (media runs them). */
  final Streaming streaming;
  /** Call control: routing and every B2BUA policy, built from the SIP implementations of its interfaces. */
  final CallControl control;

  SipServices(Vertx vertx, GatewayConfig config, GatewayMetrics metrics, SipStackHandle sip) {
    this.vertx = vertx;
    this.config = config;
    this.metrics = metrics;
    this.sip = sip;
    this.sources = new SourceClassifier(config.providers());
    Clock clock = Clock.systemUTC();
    RegistrarPolicy policy = RegistrarPolicy.defaults();
    this.bindings = new Bindings(clock);
    DeviceAuthenticator devices = newDeviceAuthenticator(config, sip, policy, clock);
    this.registrar = new Registrar(devices, bindings, policy, sip.messages(), sip.headers(), sip.addresses());
    this.messages = new SipMessages(sip, registrar.enabled());
    this.sdp = new SdpNegotiator(codecs(config.media().codecs()));
    this.client = new ClientRequests(sip, vertx);
    this.requests = new RequestFactory(sip, messages);
    this.providerRegistrations = ProviderRegistrations.of(config);
    this.authenticator = new InviteAuthenticator(devices, bindings, sources, providerRegistrations, sip.messages(),
        sip.headers());
    this.qualifier = BindingQualifier.of(config.media().keepaliveInterval(), bindings, requests, client, clock);
    this.targets = new TargetResolver(registrar::contactsOf, config.providers(), sdp.preference(),
        qualifier::reachable, this::learntAddress);
    this.media = new BusMediaControl(vertx);
    this.streaming = new Streaming(vertx, this::now);
    this.control = new CallControl(new CallControl.Wiring(calls, this, new SipDialer(this), new VertxScheduler(vertx),
        this::removeLeg, new BusAttachments(vertx), streaming, targets::resolve, this::now), config);
  }

  private static List<CodecType> codecs(List<String> names) {
    return names.stream().map(n -> CodecType.byConfigName(n).orElseThrow(
        () -> new IllegalArgumentException("unknown codec " + n))).toList();
  }

  /** One digest server (realm = our public address) and one failure throttle for REGISTER and INVITE alike. */
  private static DeviceAuthenticator newDeviceAuthenticator(GatewayConfig config, SipStackHandle sip,
      RegistrarPolicy policy, Clock clock) {
    return new DeviceAuthenticator(new ConfiguredDevices(config.devices()),
        DigestServer.create(sip.publicAddress(), policy.nonceLifetime()),
        new AuthThrottle(policy.maxAuthFailures(), policy.failureWindow(), policy.blockFor(), clock));
  }

  /** The device registrar and its location service (contactsOf for forking). */
  public Registrar registrar() {
    return registrar;
  }

  /** Who is calling (see {@link InviteAuthenticator}); call it first in the initial-INVITE handler. */
  public InviteAuthenticator authenticator() {
    return authenticator;
  }

  /** The OPTIONS qualify of device bindings: skip {@code !qualifier().reachable(b)} when forking. */
  public BindingQualifier qualifier() {
    return qualifier;
  }

  /**
   * The running registration a provider uses (also when it shares it with another provider id), for the
   * public address learnt from the trunk ({@link TrunkRegistration#publicAddress()}, {@code host:port}) to put
   * in Contact and SDP toward it. Empty when the provider does not register.
   */
  public Optional<TrunkRegistration> trunkRegistration(String providerId) {
    return providerRegistrations.of(providerId).map(e -> trunkRegistrations.get(e.providerId()));
  }

  /**
   * The host a provider's registration learnt we are seen at (Via received), when it differs from our own
   * public address: what Contact, Via and SDP toward that trunk carry. Null otherwise.
   */
  String learntAddress(String providerId) {
    String host = trunkRegistration(providerId).map(t -> ViaAddress.hostOf(t.publicAddress())).orElse(null);
    return host == null || host.equals(publicAddress()) ? null : host;
  }

  public CallRegistry calls() {
    return calls;
  }

  SipLegs legs() {
    return legs;
  }

  /** The SIP Call-IDs of a live call's legs (for its SIP ladder); empty when no such call lives. */
  Optional<List<String>> sipCallIdsOf(String callId) {
    return calls.byId(callId).map(call -> legs.of(call).stream().map(SipLeg::sipCallId).toList());
  }

  long now() {
    return System.currentTimeMillis();
  }

  String publicAddress() {
    return sip.publicAddress();
  }

  @Override
  public void publish(Call call, CallEventType type, String reason) {
    CallEvent event = call.event(type, reason, now());
    vertx.eventBus().publish(Addresses.CALL_EVENTS, event);
  }

  /**
   * Moves the call and publishes the event when the move is legal; a no-op otherwise. A call counts as
   * active (vg_media_active_calls, vg_media_total_calls) from CONNECTED on: rejected and cancelled calls
   * never carried media.
   */
  @Override
  public void moveTo(Call call, CallState state, String reason) {
    call.moveTo(state, now()).ifPresent(type -> {
      if (state == CallState.CONNECTED) {
        metrics.callStarted();
      }
      publish(call, type, reason);
    });
  }

  /** Registers a new call with its first leg and publishes CALL_STARTED. */
  void start(Call call, SipLeg leg) {
    calls.add(call);
    legs.add(call, leg);
    publish(call, CallEventType.CALL_STARTED, null);
  }

  /** Asks the media side for an RTP port for the leg; fails when the pool is exhausted. */
  Future<Integer> openMedia(Call call, Leg leg) {
    return vertx.eventBus()
        .<MediaCommands.LegOpened>request(Addresses.MEDIA_LEG_OPEN, new MediaCommands.LegOpen(call.id(), leg.id()))
        .map(msg -> {
          leg.mediaOpen(true);
          leg.rtpPort(msg.body().rtpPort());
          return msg.body().rtpPort();
        });
  }

  /** Sends the negotiated media to the media side (also on every renegotiation). */
  void startMedia(Call call, SipLeg leg, NegotiatedMedia media) {
    leg.media(media);
    vertx.eventBus().send(Addresses.MEDIA_LEG_START, legStart(call, leg.leg(), media));
  }

  /**
   * As {@link #startMedia}, completing once the media side has built the leg's pipeline. Fails when the media
   * side refused the start (or none listens): answering would give the caller a call without audio. One not
   * confirmed within {@link #MEDIA_START_WAIT_MS} is logged and the call goes on: a slow media side (a cold JVM)
   * still builds the leg.
   */
  Future<Void> startMediaAndWait(Call call, SipLeg leg, NegotiatedMedia media) {
    leg.media(media);
    return vertx.eventBus()
        .request(Addresses.MEDIA_LEG_START, legStart(call, leg.leg(), media),
            new DeliveryOptions().setSendTimeout(MEDIA_START_WAIT_MS))
        .<Void>mapEmpty()
        .recover(err -> {
          if (err instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
            LOG.warning("call " + call.id() + ": media start of leg " + leg.id() + " not confirmed within "
                + MEDIA_START_WAIT_MS + " ms, going on");
            return Future.succeededFuture();
          }
          LOG.log(Level.WARNING, "call " + call.id() + ": media did not start leg " + leg.id(), err);
          return Future.failedFuture(err);
        });
  }

  private static MediaCommands.LegStart legStart(Call call, Leg leg, NegotiatedMedia media) {
    return new MediaCommands.LegStart(call.id(), leg.id(), media.remoteHost(), media.remotePort(),
        media.codec(), media.payloadType(), media.dtmfPayloadType(), media.ptimeMs(),
        LegDirection.fromWire(media.localDirection().sdpName()));
  }

  /** A party leaves a call that goes on: its media closes, its SIP side is forgotten (no BYE from us). */
  private void removeLeg(Call call, Leg leg, String reason) {
    closeMedia(call, leg, reason);
    legs.of(leg).ifPresentOrElse(sip -> {
      sip.dialog(null);
      legs.remove(call, sip);
    }, () -> calls.removeLeg(call, leg));
  }

  void closeMedia(Call call, Leg leg, String reason) {
    if (leg.mediaOpen()) {
      leg.mediaOpen(false);
      vertx.eventBus().send(Addresses.MEDIA_LEG_CLOSE, new MediaCommands.LegClose(call.id(), leg.id(), reason));
    }
  }

  /**
   * Ends the call on our side: closes the media of every leg, publishes CALL_TERMINATED, records the
   * duration and forgets the call. SIP signalling toward the legs is the caller's job.
   */
  @Override
  public void terminate(Call call, String reason) {
    if (call.state() == CallState.TERMINATED) {
      return;
    }
    call.legs().forEach(leg -> {
      closeMedia(call, leg, reason);
      leg.state(LegState.ENDED);
    });
    boolean wasConnected = call.state() != CallState.RINGING;
    moveTo(call, CallState.TERMINATED, reason);
    if (wasConnected) {
      metrics.callEnded(call.connectedDuration(now()));
    }
    legs.removeAll(call);
    calls.remove(call);
    LOG.fine(() -> "call " + call.id() + " ended: " + reason);
  }
}
