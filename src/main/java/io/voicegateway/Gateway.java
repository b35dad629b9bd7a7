package io.voicegateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.apps.AppsVerticle;
import io.voicegateway.apps.catalog.AppsReload;
import io.voicegateway.bridge.BridgeVerticle;
import io.voicegateway.cluster.ClusterBindings;
import io.voicegateway.cluster.ClusterNode;
import io.voicegateway.cluster.ClusterVerticle;
import io.voicegateway.control.route.SourceClassifier;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.LiveConfig;
import io.voicegateway.bus.ConfigCommands;
import io.voicegateway.config.MediaConfig;
import io.voicegateway.history.HistoryVerticle;
import io.voicegateway.recording.RecordingVerticle;
import io.voicegateway.http.HttpVerticle;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MediaWarmup;
import io.voicegateway.media.Mixer;
import io.voicegateway.media.codec.OpusLibrary;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.metrics.StreamMeters;
import io.voicegateway.sip.SipVerticle;
import io.voicegateway.sip.registrar.NodeHops;
import io.voicegateway.sip.registrar.PublishedBindings;
import io.voicegateway.sip.registrar.SharedBindings;
import io.voicegateway.sip.guard.OverloadGuard;
import io.voicegateway.sip.guard.SipGuards;
import io.voicegateway.stream.StreamVerticle;
import io.voicegateway.transport.AudioFeedVerticle;
import io.voicegateway.transport.MediaTransport;
import io.voicegateway.transport.DatagramWarmup;
import io.voicegateway.transport.MixerMeters;
import io.voicegateway.transport.MixerVerticle;
import io.voicegateway.transport.PlaybackVerticle;
import io.voicegateway.transport.RtpVerticle;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running gateway: a Vert.x instance with every verticle deployed. Used by {@link Main} and by the
 * interop tests, which start it on free loopback ports.
 */
public final class Gateway {
  private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

  /** Worker pool that runs the mixers: media must never wait behind blocking work. */
  public static final String MEDIA_POOL = "media";

  private final Vertx vertx;
  private final GatewayConfig config;
  private final GatewayMetrics metrics;
  private final PrometheusMeterRegistry prometheus;
  private final long startedAtMs = System.currentTimeMillis();
  /**
   * Deployment ids by verticle label, in the order the start-up declares them (steps deploy side by side, so a
   * label is entered before its deployment and given its id when done; null until then). Guarded by itself.
   */
  private final Map<String, String> deployments = new LinkedHashMap<>();
  private final StartupTimeline timeline = new StartupTimeline();
  private MediaEngine media;
  private HttpVerticle http;
  private SipVerticle sip;
  private SipGuards guards;
  /** This node's membership of the cluster; null when {@code cluster.enabled} is false (nothing of it runs). */
  private ClusterNode cluster;
  /** The join under way or done ({@link #joinCluster}); succeeded at once when clustering is off. */
  private Future<Void> clusterJoin = Future.succeededFuture();
  /** The registrations of every node in cluster mode; none on a single node. */
  private SharedBindings sharedBindings = SharedBindings.NONE;
  /** The configuration in force: {@link #config} with what reloads changed (devices, providers, routes). */
  private final LiveConfig live;
  /** Serves reloads (API, SIGHUP) once {@link #reloadFrom} named the file. */
  private final ConfigReloadService reloads;

  private Gateway(GatewayConfig config, GatewayRuntime runtime) {
    this.config = config;
    this.prometheus = runtime.prometheus();
    this.vertx = runtime.vertx();
    this.metrics = runtime.metrics();
    this.live = new LiveConfig(config);
    this.reloads = new ConfigReloadService(vertx, live, prometheus);
    LOG.info(NativeTransport.describe(vertx));
    timeline.mark("Vert.x", runtime.startedMs(), runtime.builtMs());
  }

  /**
   * Deploys the history, SIP, media, the warm-up and every verticle that takes no calls side by side; SIP takes calls
   * only once the others are up and media is warm (503 before), then HTTP starts (so {@code /health} answers only for
   * a gateway that takes calls).
   * A socket that cannot be bound fails it with a {@link SocketBindException} naming the socket. Logs one line
   * with the start-up's breakdown ({@link StartupTimeline}).
   */
  public static Future<Gateway> start(GatewayConfig config) {
    return start(config, GatewayRuntime.build());
  }

  /** As {@link #start(GatewayConfig)} on Vert.x and metrics built already ({@link GatewayRuntime#buildBeside}). */
  static Future<Gateway> start(GatewayConfig config, GatewayRuntime runtime) {
    Gateway gw = new Gateway(config, runtime);
    return gw.deployAll().onSuccess(v -> LOG.info(gw.timeline.summary())).map(gw)
        .recover(err -> gw.vertx.close().eventually(gw::leaveCluster).transform(closed -> {
      if (closed.failed()) {
        LOG.log(Level.WARNING, "closing Vert.x after the failed start failed too", closed.cause());
      }
      return Future.failedFuture(err);
    }));
  }

  private Future<Void> deployAll() {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    long mediaStart = System.currentTimeMillis();
    MediaTransport transport = MediaTransport.create(config.media(), metrics);
    media = transport.engine();
    MixerMeters.register(prometheus, media);
    PortPoolMeters.register(prometheus, media.ports());
    TrunkRegistrationMeters.register(vertx, prometheus);
    MalformedSipMeters.register(prometheus);
    timeline.mark("media engine", mediaStart);
    // SIP waits until the history listens to call events; HTTP (and so /health) until its database is open too.
    // The history and SIP go first: each is a long chain (H2; JAIN-SIP's stack and the SIP side's classes).
    List<Future<Void>> independent = new ArrayList<>();
    Future<Void> historyOpen = Future.succeededFuture();
    if (config.history().enabled()) {
      HistoryVerticle history = new HistoryVerticle(config.history(), config.nodeId());
      historyOpen = deploy("history", () -> history, new DeploymentOptions());
      Promise<Void> listening = Promise.promise();
      history.listening().onComplete(listening);
      historyOpen.onFailure(listening::tryFail);
      independent.add(listening.future());
    }
    Future<Void> historyReady = historyOpen;
    // In cluster mode SIP needs the cluster's registrations, so it is built once this node has joined.
    Future<Void> joined = config.cluster().enabled() ? joinCluster() : Future.succeededFuture();
    clusterJoin = joined;
    independent.add(joined);
    // SIP is built and bound beside the media and the warm-up (JAIN-SIP's start-up was ~0.7 s after them), but takes
    // calls only once they are all done, so the first call meets warm media code and the history hears of it; until
    // then a new call gets 503 + Retry-After (StartGate). HTTP, and so /health, comes only after that.
    Promise<Void> warm = Promise.promise();
    Future<Void> sipStarted = joined.compose(v -> {
      guards = new SipGuards(config.limits(), SourceClassifier.live(live), mediaSignals(), System::nanoTime);
      GuardMeters.register(prometheus, guards);
      sip = new SipVerticle(live, new SipCallMetrics(metrics), guards, sharedBindings).takeCallsOnce(warm.future());
      return deploy("sip", () -> sip, new DeploymentOptions());
    });
    // Nothing here takes a call or depends on another's deployment: on a cold JVM each is mostly class loading and
    // first JIT, which the cores do side by side (in a chain, start-up was their sum).
    for (int i = 0; i < cores; i++) {
      independent.add(deploy("rtp-" + i, () -> new RtpVerticle(transport), new DeploymentOptions()));
    }
    DeploymentOptions mixerOptions = new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName(MEDIA_POOL)
        .setWorkerPoolSize(cores);
    for (int i = 0; i < cores; i++) {
      int partition = i;
      independent.add(deploy("mixer-" + partition, () -> new MixerVerticle(media, partition, cores), mixerOptions));
    }
    independent.add(timeline.time("warm-up", this::warmUp));
    AppsReload apps = AppsReload.startUp(config); // a reload swaps its catalog in (ConfigReloadService)
    reloads.apps(apps);
    independent.add(deploy("apps", () -> {
      AppsVerticle verticle = new AppsVerticle(media, apps.catalog(), System::currentTimeMillis);
      apps.target(verticle::replace);
      return verticle;
    }, new DeploymentOptions()));
    independent.add(deploy("feed", () -> new AudioFeedVerticle(transport), new DeploymentOptions()));
    independent.add(deploy("playback", () -> new PlaybackVerticle(media), new DeploymentOptions()));
    independent.add(deploy("streams", () -> new StreamVerticle(config.streaming(),
        new StreamCallMetrics(new StreamMeters(prometheus)), System::currentTimeMillis), new DeploymentOptions()));
    independent.add(deploy("recording", () -> new RecordingVerticle(media,
        config.recording().dirUnder(config.history().dataDir()), transport.wallClock()), new DeploymentOptions()));
    BridgeVerticle bridge = new BridgeVerticle(config.bridge(), config.http().apiToken(),
        config.cluster().enabled());
    BridgeMeters.register(prometheus, bridge);
    independent.add(deploy("bridge", () -> bridge, new DeploymentOptions()));
    Future.all(independent).<Void>mapEmpty().onComplete(warm);
    return Future.all(warm.future(), sipStarted)
        .compose(v -> sip.takingCalls())
        .compose(v -> historyReady)
        .compose(v -> {
          http = new HttpVerticle(live, prometheus, this::health);
          return deploy("http", () -> http, new DeploymentOptions());
        });
  }

  /**
   * Cluster mode: joins before SIP is built (it rings devices registered through other nodes) and before it takes
   * calls, so the cluster's directory hears of every call this node takes.
   */
  private Future<Void> joinCluster() {
    return ClusterNode.join(config.cluster())
        .recover(err -> Future.failedFuture(new IllegalStateException("cannot join the cluster on "
            + config.cluster().host() + ":" + config.cluster().port() + " (cluster.host/cluster.port): "
            + err.getMessage(), err)))
        .compose(node -> {
          cluster = node;
          return deploy("cluster", () -> new ClusterVerticle(node), new DeploymentOptions());
        })
        .compose(v -> ClusterBindings.open(cluster, NodeHops.sipUri(config.media())))
        .map(shared -> {
          // a device registered through any node is rung from this one
          // and one whose TCP/TLS/WebSocket connection another node holds is rung through that node, with a pass
          sharedBindings = new PublishedBindings(shared::put, shared::remove, shared::elsewhere,
              System::currentTimeMillis, NodeHops.sipUri(config.media()),
              new NodeHops(shared.secret(), cluster.nodeId(), System::currentTimeMillis, new SecureRandom()),
              shared::otherSipUris);
          return null;
        });
  }

  /** After a failed start too: a join still under way (it runs beside the media) is waited for, then left. */
  private Future<Void> leaveCluster() {
    return clusterJoin.transform(joined -> cluster == null ? Future.succeededFuture() : cluster.leave());
  }

  /**
   * Pays the cold-JVM costs before the first call instead of during it: every codec's pipeline runs a
   * second of audio (class loading, tables, first JIT), and one datagram goes through Vert.x's UDP path and
   * address resolver, whose first use took hundreds of milliseconds on an RTP event loop; the legs' own send and
   * receive path ({@link DatagramWarmup}) is run the same way.
   */
  private Future<Void> warmUp() {
    Future<Void> pipelines = vertx.executeBlocking(() -> {
      LOG.info("Opus: " + OpusLibrary.selected().detail()); // binds libopus (JNA, a self-test): off the critical path
      MediaWarmup.run(media.settings());
      return null;
    });
    DatagramSocket socket = vertx.createDatagramSocket();
    Future<Void> udp = socket.listen(0, "127.0.0.1")
        .compose(s -> s.send(Buffer.buffer(new byte[1]), s.localAddress().port(), "127.0.0.1"))
        .eventually(socket::close);
    return Future.all(pipelines, udp, DatagramWarmup.run(vertx)).mapEmpty();
  }

  private Future<Void> deploy(String label, Supplier<io.vertx.core.Deployable> verticle, DeploymentOptions options) {
    synchronized (deployments) {
      deployments.put(label, null);
    }
    return timeline.time(label, () -> vertx.deployVerticle(verticle, options))
        .<Void>map(id -> {
          synchronized (deployments) {
            deployments.put(label, id);
          }
          return null;
        })
        .recover(err -> Future.failedFuture(SocketBindException.explain(label, err, ListeningSocket.of(config))));
  }

  /**
   * Undeploys SIP first, so in-progress calls get their BYE while media is still up, then the other
   * verticles in deployment order, then the mixers (their 20 ms ticks stop), then RTP (its sockets close), and only
   * then closes Vert.x. Left to Vert.x's close, the mixers' ticks on the media pool raced the shutting down of the pools
   * and event loops they hand work to: a RejectedExecutionException trace in {@code media-1} on SIGTERM. A verticle that
   * fails to stop is logged and the rest still stop; the future fails only when Vert.x itself cannot close.
   */
  public Future<Void> stop() {
    Map<String, String> ids;
    synchronized (deployments) {
      ids = new LinkedHashMap<>(deployments);
    }
    List<String> order = new ArrayList<>(ids.keySet());
    order.removeIf(label -> ids.get(label) == null); // never deployed: the start failed first
    order.remove("sip");
    order.add(0, "sip");
    List<String> mixers = order.stream().filter(l -> l.startsWith("mixer")).toList();
    List<String> sockets = order.stream().filter(l -> l.startsWith("rtp")).toList();
    order.removeAll(mixers);
    order.removeAll(sockets);
    order.addAll(mixers);
    order.addAll(sockets);
    Future<Void> chain = Future.succeededFuture();
    for (String label : order) {
      chain = chain.compose(v -> vertx.undeploy(ids.get(label)).recover(err -> {
        LOG.log(Level.WARNING, "stopping " + label + " failed; stopping the rest", err);
        return Future.succeededFuture();
      }));
    }
    return chain.compose(v -> vertx.close()).compose(v -> leaveCluster());
  }

  /** The body of {@code GET /health}. */
  public JsonObject health() {
    return new JsonObject()
        .put("status", "up")
        .put("version", version())
        .put("uptimeSeconds", (System.currentTimeMillis() - startedAtMs) / 1000)
        .put("verticles", new JsonArray(deployedLabels()))
        .put("activeCalls", metrics.activeCalls())
        .put("opus", OpusLibrary.selected().kind().label())
        .put("transport", NativeTransport.name(vertx))
        .put("limits", guards == null ? null : GuardMeters.health(guards));
  }

  private List<String> deployedLabels() {
    synchronized (deployments) {
      return deployments.keySet().stream().filter(label -> deployments.get(label) != null).toList();
    }
  }

  /** What the SIP overload guard reads from the media side: free RTP ports and the mixers' late ticks. */
  private OverloadGuard.Signals mediaSignals() {
    return new OverloadGuard.Signals(() -> media.ports().available(), media.ports().capacity(),
        () -> media.mixers().values().stream().mapToLong(Mixer::ticks).sum(),
        () -> media.mixers().values().stream().mapToLong(Mixer::lateTicks).sum());
  }

  /** One line per listening socket, for the start-up banner (TLS beside TCP on the SIP port + 1). */
  public List<String> listening() {
    MediaConfig m = config.media();
    List<String> lines = new ArrayList<>();
    for (ListeningSocket sip : ListeningSocket.of(config)) {
      if (sip.service().equals("SIP")) {
        lines.add("SIP  " + sip.transport() + " " + sip.host() + ":" + sip.port());
      }
    }
    lines.add("HTTP " + (config.http().tls() ? "https" : "http") + "://" + config.http().host() + ":" + httpPort() + "/");
    lines.add("RTP  udp " + m.bindAddress() + ":" + m.rtpPortMin() + "-" + m.rtpPortMax());
    if (config.bridge().tcpEnabled()) {
      lines.add("BUS  tcp " + config.bridge().tcpHost() + ":" + config.bridge().tcpPort() + " (event-bus bridge)");
    }
    return lines;
  }

  public static String version() {
    String v = Gateway.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public int httpPort() {
    return http.actualPort();
  }

  /** The SIP verticle (its UAC API and the registrar's bindings), once started. */
  public SipVerticle sip() {
    return sip;
  }

  /**
   * Reloads ({@code POST /api/v1/config/reload}, SIGHUP) re-read {@code file} from now on: the file the gateway
   * was started with, loaded the same way. Until then a reload answers 409.
   */
  public void reloadFrom(Supplier<GatewayConfig> file) {
    reloads.reloadFrom(file);
  }

  /** Reloads the configuration as the API does; {@code by} names who asked, for the log and the event. */
  public Future<ConfigCommands.Reloaded> reload(String by) {
    return reloads.request(by);
  }

  /**
   * Drains this node (or takes calls again): OPTIONS answered 503 so the dispatcher in front sends new calls
   * elsewhere; the calls it has go on. The answer is whether it now drains.
   */
  public Future<Boolean> drain(boolean on) {
    return vertx.eventBus().<Boolean>request(io.voicegateway.bus.Addresses.NODE_DRAIN, on).map(m -> m.body());
  }

  /** This node's membership of the cluster, or null on a single node. */
  public ClusterNode cluster() {
    return cluster;
  }

  /** The configuration in force (the start-up one until a reload changed devices, providers or routes). */
  public LiveConfig liveConfig() {
    return live;
  }

  public Vertx vertx() {
    return vertx;
  }

  public GatewayConfig config() {
    return config;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public MediaEngine media() {
    return media;
  }
}
