package io.voicegateway.sip;

import io.vertx.core.Vertx;
import io.voicegateway.codec.CodecType;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.browser.BrowserSignalling;
import io.voicegateway.browser.BrowserTarget;
import io.voicegateway.browser.Browsers;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Dialer;
import io.voicegateway.control.Dialers;
import io.voicegateway.control.policy.CallControl;
import io.voicegateway.control.route.SourceClassifier;
import io.voicegateway.sip.auth.DigestServer;
import io.voicegateway.sip.registrar.AuthThrottle;
import io.voicegateway.sip.registrar.Bindings;
import io.voicegateway.sip.registrar.ConfiguredDevices;
import io.voicegateway.sip.registrar.DeviceAuthenticator;
import io.voicegateway.sip.registrar.Registrar;
import io.voicegateway.sip.registrar.RegistrarPolicy;
import io.voicegateway.sip.registrar.SharedBindings;
import io.voicegateway.sip.sdp.SdpNegotiator;
import io.voicegateway.sip.stack.SipStackHandle;
import io.voicegateway.sip.trunk.ProviderRegistrations;
import io.voicegateway.sip.trunk.RunningRegistrations;
import java.time.Clock;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds the SIP side once, in {@code SipVerticle.start}: the protocol services, and call control
 * ({@link CallControl}) from the SIP implementations of its interfaces ({@link BusCallLifecycle}, {@link BusMedia},
 * {@link SipDialer}, {@link Streaming}) and the browser leg kind's ({@link Browsers}). Only {@link SipVerticle} reads it, to hand each handler what it uses.
 */
final class SipWiring {
  final SipStackHandle sip;
  final SipMessages messages;
  final CallRegistry calls = new CallRegistry();
  /** The SIP side of the calls' legs, by Call-ID and leg id. */
  final SipLegs legs = new SipLegs(calls, this::endpoint);
  final SdpNegotiator sdp;
  final RequestChecks checks = RequestChecks.defaults();
  final ClientRequests client;
  final RequestFactory requests;
  final Registrar registrar;
  /** Digest checks of devices, for REGISTER and INVITE alike. */
  final DeviceAuthenticator devices;
  /**
   * The registrar's location service: the SIP guards trust the hosts devices registered from; a reload drops the
   * bindings of removed devices.
   */
  final Bindings bindings;
  /** Who is calling: trunk, authenticated device (407/403 otherwise) or unknown. */
  final InviteAuthenticator authenticator;
  /** OPTIONS qualify of the registered bindings; {@code reachable(binding)} for forking. */
  final BindingQualifier qualifier;
  /** The registrations we keep with trunks (media.registrations and providers with register: true). */
  final ProviderRegistrations providerRegistrations;
  /** Those of them running; SipVerticle starts them. */
  final RunningRegistrations registrations;
  /** What an INVITE or other request of ours needs (stack, messages, request factory, client transactions). */
  final OutboundSignalling signalling;
  /** Calls' audio feeds over the bus (media runs them). */
  final Streaming streaming;
  /** The legs' media over the bus (open, start, close). */
  final BusMedia legMedia;
  /** Hold and resume re-INVITEs of our own, shared by the legs' endpoints and the API. */
  final LegReinvite reinvites;
  /** Call control: routing and every B2BUA policy, built from the SIP implementations of its interfaces. */
  final CallControl control;
  /** The epoch milliseconds calls, events and bindings' ages are read from. */
  final LongSupplier clock = System::currentTimeMillis;
  /** The dashboard phone's requests (the browser leg kind); SipVerticle registers them on its context. */
  final BrowserSignalling browserSignalling;
  /** What SIP legs' endpoints ask of the media side (DTMF). */
  private final BusMediaControl media;
  /** Unanswered inbound INVITEs: released at Timer C or when their connection closes. */
  final InviteProgressWatches progress;

  SipWiring(Vertx vertx, Supplier<GatewayConfig> live, CallMetrics metrics, SipStackHandle sip,
      SharedBindings shared) {
    // what can change at run time (devices, providers, routes) is read per call from live (config.LiveConfig);
    // the rest (ports, codecs, timers) is what the stack was started with
    GatewayConfig config = live.get();
    this.sip = sip;
    SourceClassifier sources = SourceClassifier.live(live);
    Clock utc = Clock.systemUTC();
    RegistrarPolicy policy = RegistrarPolicy.defaults();
    // the registrar's location service, shared with INVITE source recognition and the qualifier (and in a cluster
    // published to the other nodes, whose bindings it adds to a device's contacts)
    Bindings bindings = new Bindings(utc, shared);
    this.bindings = bindings;
    this.devices = newDeviceAuthenticator(live, sip, policy, utc);
    this.registrar = new Registrar(devices, bindings, policy, sip.messages(), sip.headers(), sip.addresses());
    this.messages = new SipMessages(sip, registrar.enabled());
    this.sdp = new SdpNegotiator(codecs(config.media().codecs()));
    this.client = new ClientRequests(sip, vertx);
    this.requests = new RequestFactory(sip, messages);
    this.providerRegistrations = ProviderRegistrations.of(config);
    this.registrations = new RunningRegistrations(providerRegistrations);
    this.authenticator = new InviteAuthenticator(devices, bindings, sources, providerRegistrations, sip.messages(),
        sip.headers());
    this.qualifier = BindingQualifier.of(config.media().keepaliveInterval(), bindings, requests, client, utc);
    TargetResolver targets = new TargetResolver(registrar::contactsOf, () -> live.get().providers(), sdp.preference(),
        qualifier::reachable, provider -> registrations.learntHost(provider, sip.publicAddress()))
        .inCluster(bindings::requestUri, bindings::of);
    this.media = new BusMediaControl(vertx);
    this.streaming = new Streaming(vertx);
    this.legMedia = new BusMedia(vertx.eventBus());
    BusCallLifecycle lifecycle = new BusCallLifecycle(vertx.eventBus(), metrics, calls, legs, legMedia, clock);
    this.signalling = new OutboundSignalling(sip, messages, requests, client, metrics);
    SipDialer sipDialer = new SipDialer(signalling, legMedia, legs);
    VertxScheduler scheduler = new VertxScheduler(vertx);
    Browsers browsers = Browsers.overBus(vertx, calls, scheduler, config.devices());
    // a route ringing a device rings its SIP bindings and the dashboard phones logged in as it, in parallel
    Dialer dialer = new Dialers().with(BridgeTarget.class, sipDialer).with(BrowserTarget.class, browsers.dialer());
    this.control = new CallControl(new CallControl.Wiring(calls, lifecycle, dialer, scheduler,
        lifecycle::leave, new BusAttachments(vertx), streaming, Dialers.union(targets::resolve, browsers::destinations),
        clock), live);
    this.browserSignalling = browsers.signalling(control, clock);
    this.reinvites = new LegReinvite(messages, sdp, client, sip.publicAddress(), legMedia, control.hold());
    this.progress = new InviteProgressWatches(scheduler, (call, reason) -> calls.byId(call.id())
        .ifPresent(running -> control.policies().teardown().hangUp(running, reason)));
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
  private static DeviceAuthenticator newDeviceAuthenticator(Supplier<GatewayConfig> live, SipStackHandle sip,
      RegistrarPolicy policy, Clock clock) {
    return new DeviceAuthenticator(ConfiguredDevices.live(() -> live.get().devices()),
        DigestServer.create(sip.publicAddress(), policy.nonceLifetime()),
        new AuthThrottle(policy.maxAuthFailures(), policy.failureWindow(), policy.blockFor(), clock));
  }
}
