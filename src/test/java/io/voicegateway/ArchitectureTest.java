package io.voicegateway;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.vertx.core.AsyncResult;
import io.vertx.core.Completable;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;

/**
 * The architecture in one page (see docs/architecture.md): which room may use which. Each rule names the layer it
 * protects and why; a change that breaks one fails the build with the offending dependency.
 *
 * <pre>
 * edges      http · bridge · history · metrics        reach control only through event-bus messages (bus)
 * control    calls, legs, routing, policies          drives legs through Endpoint / Dialer / MediaControl
 * leg kinds  sip · browser · apps                     implement control's interfaces
 *            stream (Twilio-Media-Streams WebSockets)  follows calls and media over the bus only
 * media      engine, mixer, codecs, jitter, rtp      plain Java: no Vert.x, bus, config or metrics
 * webrtc     ice (STUN, ICE-lite, consent), demux    plain Java like media: handed packets and a clock
 * transport  Vert.x verticles and sockets that drive media
 * codec      the codec names every room shares;  config: typed configuration;  bus: addresses and records
 * </pre>
 */
@AnalyzeClasses(packages = "io.voicegateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Media is a library: plain JUnit tests it and JMH benchmarks it without a server. */
  @ArchTest
  static final ArchRule mediaIsPlainJava = noClasses().that().resideInAPackage("io.voicegateway.media..")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..",
          "io.voicegateway.bus..", "io.voicegateway.config..", "io.voicegateway.metrics..",
          "io.voicegateway.transport..", "io.voicegateway.sip..", "io.voicegateway.control..",
          "io.voicegateway.http..", "io.voicegateway.bridge..", "io.voicegateway.history..", "io.voicegateway.apps..")
      .because("media/ is plain Java; the Vert.x side that drives it lives in transport/");

  /** The WebRTC building blocks (ICE, DTLS, SRTP, SDP) are libraries like media: unit-tested on RFC vectors. */
  @ArchTest
  static final ArchRule webrtcIsPlainJava = noClasses().that().resideInAPackage("io.voicegateway.webrtc..")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "io.voicegateway.bus..",
          "io.voicegateway.sip..", "io.voicegateway.http..", "io.voicegateway.control..",
          "io.voicegateway.transport..", "io.voicegateway.apps..")
      .because("webrtc/ is plain Java handed packets and a clock; the verticle that owns the socket drives it");

  /** Control decides; it knows no protocol and no bus, so WebRTC, stream and app legs plug in beside SIP. */
  @ArchTest
  static final ArchRule controlKnowsNoProtocol = noClasses().that().resideInAPackage("io.voicegateway.control..")
      .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..", "io.vertx.core.eventbus..",
          "io.voicegateway.sip..", "io.voicegateway.transport..", "io.voicegateway.http..",
          "io.voicegateway.bridge..", "io.voicegateway.history..", "io.voicegateway.metrics..")
      .because("control drives legs through its own interfaces; timers come from an injected scheduler");

  /**
   * Of Vert.x, control uses only its futures (one operation at a time per call, chained with compose); time comes
   * from an injected scheduler, so policies are unit-tested on a fake clock.
   */
  @ArchTest
  static final ArchRule controlUsesOnlyFuturesOfVertx = classes().that().resideInAPackage("io.voicegateway.control..")
      .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "io.voicegateway.control..",
          "io.voicegateway.bus..", "io.voicegateway.codec..", "io.voicegateway.config..")
          .or(belongToAnyOf(Future.class, Promise.class, AsyncResult.class, Handler.class, Completable.class,
              CompositeFuture.class)))
      .because("control knows calls and legs, not sockets, timers or the bus");

  /** The codec vocabulary (names, payload types, clock rates) is shared by every room, so it depends on none. */
  @ArchTest
  static final ArchRule codecNamesStandAlone = classes().that().resideInAPackage("io.voicegateway.codec..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.voicegateway.codec..");

  /** SIP speaks SIP: it neither decides policy on media nor serves HTTP; it counts through its own CallMetrics. */
  @ArchTest
  static final ArchRule sipIsProtocolOnly = noClasses().that().resideInAPackage("io.voicegateway.sip..")
      .should().dependOnClassesThat().resideInAnyPackage("io.voicegateway.media..", "io.voicegateway.transport..",
          "io.voicegateway.http..", "io.voicegateway.bridge..", "io.voicegateway.history..",
          "io.voicegateway.metrics..")
      .because("sip/ is one kind of leg; media, meters and the edges are reached through control, the bus and the"
          + " composition root");

  /**
   * The browser leg kind (the dashboard phone's signalling) is a leg kind beside SIP: it implements control's
   * interfaces and reaches its media (transport, webrtc) over the bus only, and knows neither SIP nor the HTTP edge
   * that relays the page's messages, so either can change or move without it.
   */
  @ArchTest
  static final ArchRule browserIsALegKindOverTheBus = noClasses().that().resideInAPackage("io.voicegateway.browser..")
      .should().dependOnClassesThat().resideInAnyPackage("io.voicegateway.sip..", "io.voicegateway.http..",
          "io.voicegateway.transport..", "io.voicegateway.media..", "io.voicegateway.webrtc..",
          "io.voicegateway.apps..", "io.voicegateway.bridge..", "io.voicegateway.history..",
          "io.voicegateway.metrics..", "io.voicegateway.recording..")
      .because("a browser leg is driven through control's interfaces; its media is asked for over the bus");

  /**
   * The SIP guards decide on addresses and counts before the stack parses anything: no Vert.x (they run on the
   * stack's receive thread), no media (its overload signals come in as suppliers from the composition root).
   */
  @ArchTest
  static final ArchRule sipGuardsArePlainPolicy = noClasses().that().resideInAPackage("io.voicegateway.sip.guard..")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "io.voicegateway.media..",
          "io.voicegateway.transport..", "io.voicegateway.http..", "io.voicegateway.bus..")
      .because("admission runs per datagram on JAIN-SIP's receive thread and is unit-tested on a fake clock");

  /** The edges work unchanged when call control runs on another node. */
  @ArchTest
  static final ArchRule edgesUseTheBus = noClasses().that().resideInAnyPackage("io.voicegateway.http..",
          "io.voicegateway.bridge..", "io.voicegateway.history..", "io.voicegateway.metrics..")
      .should().dependOnClassesThat().resideInAnyPackage("io.voicegateway.sip..", "io.voicegateway.control..",
          "io.voicegateway.transport..", "io.voicegateway.apps..", "io.voicegateway.browser..")
      .because("edges reach call control only through event-bus messages with a wire codec");

  /** Configuration is read once and handed down; it depends on nothing that runs. */
  @ArchTest
  static final ArchRule configIsData = noClasses().that().resideInAPackage("io.voicegateway.config..")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.voicegateway.sip..",
          "io.voicegateway.control..", "io.voicegateway.transport..", "io.voicegateway.http..",
          "io.voicegateway.bus..", "io.voicegateway.apps..");

  /** The bus carries records; it knows none of the rooms that send them. */
  @ArchTest
  static final ArchRule busIsContracts = noClasses().that().resideInAPackage("io.voicegateway.bus..")
      .should().dependOnClassesThat().resideInAnyPackage("io.voicegateway.sip..", "io.voicegateway.control..",
          "io.voicegateway.transport..", "io.voicegateway.http..", "io.voicegateway.media..",
          "io.voicegateway.apps..");

  /**
   * The recorder (recording/) writes the media engine's recorded frames to files; everyone else reaches it over the
   * bus (vg.media.recording.*), and only the composition root deploys it, so media never learns about files.
   */
  @ArchTest
  static final ArchRule recordingIsReachedOverTheBus = noClasses()
      .that().resideOutsideOfPackage("io.voicegateway.recording..")
      .and().doNotHaveFullyQualifiedName("io.voicegateway.Gateway")
      .should().dependOnClassesThat().resideInAPackage("io.voicegateway.recording..")
      .because("call control decides when to record and asks over the bus; media hands frames off, it writes no file");

  /**
   * A stream leg follows its call over the bus (events, the feed, the playback back channel, vg.sip.hangup), so it
   * runs unchanged beside call control and media on another node. It borrows media's G.711 tables and resampler and
   * the feed's frame layout, plain Java.
   */
  @ArchTest
  static final ArchRule streamsUseTheBus = noClasses().that().resideInAPackage("io.voicegateway.stream..")
      .should().dependOnClassesThat().resideInAnyPackage("io.voicegateway.sip..", "io.voicegateway.control..",
          "io.voicegateway.transport..", "io.voicegateway.apps..", "io.voicegateway.http..",
          "io.voicegateway.metrics..")
      .because("a stream is an edge of the call: it reaches control and media through event-bus messages");

  /**
   * The cluster (issue 15) carries the edges' bus messages between nodes and keeps the call directory; it knows the
   * bus contracts and the configuration, never what serves them on a node, so the rooms of a node stay as on a single
   * one. Hazelcast stays inside it: no other room sees that there is a cluster.
   */
  @ArchTest
  static final ArchRule clusterCarriesBusMessages = noClasses().that().resideInAPackage("io.voicegateway.cluster..")
      .should().dependOnClassesThat().resideInAnyPackage("io.voicegateway.sip..", "io.voicegateway.control..",
          "io.voicegateway.transport..", "io.voicegateway.media..", "io.voicegateway.apps..",
          "io.voicegateway.http..", "io.voicegateway.browser..", "io.voicegateway.stream..",
          "io.voicegateway.history..", "io.voicegateway.recording..")
      .because("nodes talk only through event-bus messages with a wire codec");

  /** Only the cluster package and the composition root see Hazelcast and the cluster. */
  @ArchTest
  static final ArchRule hazelcastStaysInTheCluster = noClasses()
      .that().resideOutsideOfPackage("io.voicegateway.cluster..")
      .and().doNotHaveFullyQualifiedName("io.voicegateway.Gateway")
      .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..", "io.vertx.spi.cluster..",
          "io.voicegateway.cluster..")
      .because("single-node mode starts no Hazelcast: the edges reach other nodes only through vg.cluster.* addresses");

  /** Log formatting (JSON lines, the call id of the message in hand) is plain JUL and Jackson that any room may use. */
  @ArchTest
  static final ArchRule loggingStandsAlone = classes().that().resideInAPackage("io.voicegateway.logging..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.voicegateway.logging..",
          "com.fasterxml.jackson.core..");

  /** No room depends on a room that depends back on it, at any depth. */
  @ArchTest
  static final ArchRule noCycles = slices().matching("io.voicegateway.(**)").should().beFreeOfCycles();
}
