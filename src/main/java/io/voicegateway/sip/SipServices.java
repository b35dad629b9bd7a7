package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.voicegateway.control.Call;
import io.voicegateway.control.policy.CallControl;
import io.voicegateway.control.CallRegistry;
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

/**
 * What the per-method handlers share: the stack, the calls, the event bus, the negotiator; builds call control
 * from the SIP implementations of its interfaces ({@link BusCallLifecycle}, {@link BusMedia}, {@link SipDialer}).
 * Used only on the SIP verticle's context.
 */
public final class SipServices {
  final Vertx vertx;
  final GatewayConfig config;
  final GatewayMetrics metrics;
  final SipStackHandle sip;
  final SipMessages messages;
  final CallRegistry calls = new CallRegistry();
  /** The SIP side of the calls' legs, by Call-ID and leg id. */
  final SipLegs legs = new SipLegs(calls, this::endpoint);
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
  /** The legs' media over the bus (open, start, close). */
  final BusMedia legMedia;
  /** Events, state moves and ends of the calls (call control's lifecycle). */
  final BusCallLifecycle lifecycle;
  /** Hold and resume re-INVITEs of our own, shared by the legs' endpoints. */
  final LegReinvite reinvites;
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
    this.legMedia = new BusMedia(vertx.eventBus());
    this.lifecycle = new BusCallLifecycle(vertx.eventBus(), metrics, calls, legs, legMedia, this::now);
    SipDialer dialer = new SipDialer(new OutboundSignalling(sip, messages, requests, client, metrics), legMedia, legs);
    this.control = new CallControl(new CallControl.Wiring(calls, lifecycle, dialer, new VertxScheduler(vertx),
        lifecycle::leave, new BusAttachments(vertx), streaming, targets::resolve, this::now), config);
    this.reinvites = new LegReinvite(messages, sdp, client, sip.publicAddress(), legMedia, control.hold());
  }

  /** How call control drives a SIP leg (made when the leg joins a call, so after control is built). */
  private SipEndpoint endpoint(SipLeg leg) {
    return new SipEndpoint(messages, client, calls, media, reinvites, leg);
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

  // The call-level operations the handlers not yet given their collaborators still ask of this holder.

  void moveTo(Call call, CallState state, String reason) {
    lifecycle.moveTo(call, state, reason);
  }

  Future<Integer> openMedia(Call call, Leg leg) {
    return legMedia.open(call, leg);
  }

  void startMedia(Call call, SipLeg leg, NegotiatedMedia media) {
    legMedia.start(call, leg, media);
  }

  void closeMedia(Call call, Leg leg, String reason) {
    legMedia.close(call, leg, reason);
  }
}
