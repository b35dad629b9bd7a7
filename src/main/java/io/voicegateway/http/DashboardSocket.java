package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.TrunkRegistrationEvent;
import io.voicegateway.bus.VoicemailMessages;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The dashboard's live feed at {@code /api/v1/ws}. Pushes {@code {type:"event", event}} for every call event,
 * {@code {type:"trunk", trunk}} for every trunk registration change, {@code {type:"voicemail", voicemail}} for every
 * stored voicemail message (so the panel need not wait for its poll) and {@code {type:"calls", calls}} once a
 * second (live legs, levels, loss, jitter). In cluster mode the call and voicemail events of every node (those of
 * other nodes re-published on {@code vg.cluster.*.events}, docs/scale-out.md). One bus consumer per address and one
 * timer serve every socket, and they run only while a socket is open. Auth as the REST API: cookie {@code vg_token}, {@code ?token=} or a
 * bearer header.
 *
 * <p>The same socket carries the dashboard phone ({@link PhoneSocket}): the page's WebRTC signalling and login as a
 * device, and what call control tells that phone (docs/api.md, "WebSocket").
 *
 * <p>A socket whose write queue is full (a slow or suspended tab) skips messages instead of buffering them
 * without bound; the next snapshot brings it up to date.
 */
public final class DashboardSocket {
  public static final String PATH = "/api/v1/ws";
  static final long SNAPSHOT_MS = 1000;
  private static final Logger LOG = Logger.getLogger(DashboardSocket.class.getName());

  private final Vertx vertx;
  private final ApiAuth auth;
  private final Supplier<Future<JsonArray>> calls;
  private final Set<ServerWebSocket> sockets = new LinkedHashSet<>();
  private final AtomicLong skipped = new AtomicLong();
  private Runnable stopFeeds;

  /** Use on one event loop (the HTTP verticle's): the socket set is not shared across threads. */
  private DashboardSocket(Vertx vertx, ApiAuth auth, Supplier<Future<JsonArray>> calls) {
    this.vertx = vertx;
    this.auth = auth;
    this.calls = calls;
  }

  /**
   * @param calls the active calls in the REST shape of {@code GET /api/v1/calls} ({@link LiveCalls#all}), asked
   *              for once a second
   */
  public static DashboardSocket mount(Router router, Vertx vertx, ApiAuth auth, Supplier<Future<JsonArray>> calls) {
    DashboardSocket socket = new DashboardSocket(vertx, auth, calls);
    router.route(PATH).handler(socket::upgrade);
    return socket;
  }

  /** Messages not sent because a socket's write queue was full. */
  public long skipped() {
    return skipped.get();
  }

  private void upgrade(RoutingContext ctx) {
    if (!auth.authorized(ctx.request(), true)) {
      ApiErrors.send(ctx, 401, "missing or wrong API token: log in, or add ?token=<http.api_token>");
      return;
    }
    ctx.request().toWebSocket().onSuccess(this::opened).onFailure(ctx::fail);
  }

  private void opened(ServerWebSocket ws) {
    sockets.add(ws);
    PhoneSocket phone = PhoneSocket.open(vertx, ws);
    ws.closeHandler(v -> {
      phone.closed();
      closed(ws);
    });
    ws.exceptionHandler(err -> LOG.fine(() -> "dashboard socket: " + err));
    if (stopFeeds == null) {
      stopFeeds = startFeeds();
    }
    pushCalls(); // the new tab needs not wait a second for its first picture
  }

  private void closed(ServerWebSocket ws) {
    sockets.remove(ws);
    if (sockets.isEmpty() && stopFeeds != null) {
      stopFeeds.run();
      stopFeeds = null;
    }
  }

  private Runnable startFeeds() {
    Handler<Message<CallEvent>> event =
        msg -> broadcast(new JsonObject().put("type", "event").put("event", msg.body().toJson()));
    Handler<Message<VoicemailMessages.Received>> voicemail =
        msg -> broadcast(new JsonObject().put("type", "voicemail").put("voicemail", voicemailJson(msg.body())));
    EventBus bus = vertx.eventBus();
    // this node's events, and (cluster mode) the other nodes' re-published on their own addresses
    List<MessageConsumer<?>> feeds = List.of(
        bus.consumer(Addresses.CALL_EVENTS, event),
        bus.consumer(Addresses.CLUSTER_CALL_EVENTS, event),
        bus.<TrunkRegistrationEvent>consumer(Addresses.TRUNK_REGISTRATION_EVENTS,
            msg -> broadcast(new JsonObject().put("type", "trunk").put("trunk", trunkJson(msg.body())))),
        bus.consumer(Addresses.VOICEMAIL_EVENTS, voicemail),
        bus.consumer(Addresses.CLUSTER_VOICEMAIL_EVENTS, voicemail));
    long timer = vertx.setPeriodic(SNAPSHOT_MS, id -> pushCalls());
    return () -> {
      feeds.forEach(MessageConsumer::unregister);
      vertx.cancelTimer(timer);
    };
  }

  private void pushCalls() {
    calls.get()
        .onSuccess(list -> broadcast(new JsonObject().put("type", "calls").put("calls", list)))
        .onFailure(err -> LOG.fine(() -> "calls snapshot failed: " + err.getMessage()));
  }

  private void broadcast(JsonObject message) {
    String text = message.encode();
    for (ServerWebSocket ws : sockets) {
      if (ws.isClosed()) {
        continue;
      }
      if (ws.writeQueueFull()) {
        skipped.incrementAndGet();
      } else {
        ws.writeTextMessage(text);
      }
    }
  }

  /** The shape docs/event-bus.md gives {@code vg.voicemail.events}. */
  static JsonObject voicemailJson(VoicemailMessages.Received r) {
    return new JsonObject()
        .put("type", r.type().name())
        .put("box", r.box())
        .put("messageId", r.messageId())
        .put("caller", r.caller())
        .put("callId", r.callId())
        .put("durationMs", r.durationMs())
        .put("timestampMs", r.timestampMs());
  }

  static JsonObject trunkJson(TrunkRegistrationEvent e) {
    return new JsonObject()
        .put("aor", e.aor())
        .put("state", e.state().name())
        .put("expiresAt", e.expiresAtMs())
        .put("lastError", e.lastError())
        .put("nextRetryAt", e.nextRetryAtMs())
        .put("publicAddress", e.publicAddress())
        .put("timestamp", e.timestampMs());
  }
}
