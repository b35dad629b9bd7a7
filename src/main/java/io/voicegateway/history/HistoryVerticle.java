package io.voicegateway.history;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallQueries;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryQuery;
import io.voicegateway.bus.RecordingCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import io.voicegateway.config.HistoryConfig;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the call history: listens to {@code vg.call.events}, writes each call's row when it starts (and marks it
 * answered), snapshots its legs from {@code vg.sip.calls} as it progresses, and completes the row when the call
 * ends; answers {@code vg.history.query}. Rows a crash (kill -9) left open are closed as interrupted at start,
 * before any event is taken; a heartbeat every {@value #HEARTBEAT_EVERY_MS} ms dates such an end.
 * The database is touched only in {@code executeBlocking} (writes in order, one at a time), never on the event
 * loop. Calls older than {@code history.retention} are deleted at start and every hour. Deploy it before the
 * SIP verticle so no call's start is missed: the SIP verticle may start once {@link #listening()} completes, before
 * the database is open (opening H2 is the slowest step of a cold start-up; events that arrive meanwhile queue their
 * writes behind the opening, queries wait for it). The deployment itself completes once the database is open.
 */
public final class HistoryVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(HistoryVerticle.class.getName());
  private static final long PRUNE_EVERY_MS = 3_600_000;
  static final long HEARTBEAT_EVERY_MS = 10_000;

  private final HistoryConfig config;
  private final HistoryCollector collector = new HistoryCollector();
  /** Set by the opening, the first ordered blocking task, so every write (queued behind it) sees it. */
  private volatile HistoryStore store;
  private Future<?> opened = Future.failedFuture("history not started");
  private final Promise<Void> listening = Promise.promise();
  /** The last write queued; stop() waits for it so a finished call is not lost on shutdown. */
  private Future<?> lastWrite = Future.succeededFuture();
  private long pruneTimer = -1;
  private long heartbeatTimer = -1;

  public HistoryVerticle(HistoryConfig config) {
    this(config, config.nodeId());
  }

  /** @param nodeId this gateway's name in the rows it writes ({@code GatewayConfig.nodeId()}) */
  public HistoryVerticle(HistoryConfig config, String nodeId) {
    this.config = new HistoryConfig(config.enabled(), config.dataDir(), config.retention(), config.url(),
        config.user(), config.password(), nodeId);
  }

  /** Completes once the call events are listened to: from then on no call's start is missed. */
  public Future<Void> listening() {
    return listening.future();
  }

  @Override
  public Future<?> start() {
    opened = vertx.executeBlocking(() -> { // ordered, like every write: they run after it
      HistoryStore store = HistoryStore.open(config);
      int interrupted = store.closeInterrupted();
      if (interrupted > 0) {
        LOG.warning("history: " + interrupted + " call(s) left open by a run of node " + config.nodeId()
            + " that did not stop cleanly, closed as " + HistoryStore.INTERRUPTED);
      }
      store.heartbeat(System.currentTimeMillis());
      this.store = store;
      return null;
    });
    lastWrite = opened;
    var bus = vertx.eventBus();
    Future<Void> consumers = Future.all(
        bus.<CallEvent>consumer(Addresses.CALL_EVENTS, msg -> onEvent(msg.body())).completion(),
        bus.<HistoryQuery>consumer(Addresses.HISTORY_QUERY, this::query).completion(),
        bus.<RecordingCommands.FileQuery>consumer(Addresses.HISTORY_RECORDING, this::recording).completion())
        .<Void>mapEmpty().onComplete(listening);
    return Future.all(opened, consumers).compose(v -> {
      heartbeatTimer = vertx.setPeriodic(HEARTBEAT_EVERY_MS, id -> queue("heartbeat",
          () -> store.heartbeat(System.currentTimeMillis())));
      if (config.retention().isZero()) {
        return Future.succeededFuture();
      }
      pruneTimer = vertx.setPeriodic(PRUNE_EVERY_MS, id -> prune());
      return prune().otherwiseEmpty();
    });
  }

  /** Deletes the calls past the retention; an ordered blocking task, so it queues behind the writes. */
  private Future<Integer> prune() {
    long cutoff = System.currentTimeMillis() - config.retention().toMillis();
    return vertx.executeBlocking(() -> store.deleteStartedBefore(cutoff))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("history: deleted " + n + " calls that started before " + Instant.ofEpochMilli(cutoff));
          }
        })
        .onFailure(err -> LOG.log(Level.WARNING, "history retention: " + err.getMessage(), err));
  }

  private void onEvent(CallEvent event) {
    if (event.type() == CallEventType.CALL_STARTED) {
      HistoryEntry started = new HistoryEntry(event.callId(), event.direction(), event.from(), event.to(),
          event.sipCallId(), event.timestampMs(), 0, 0, 0, null, List.of());
      queue("call " + event.callId() + " start", () -> store.opened(started));
    } else if (event.type() == CallEventType.CALL_CONNECTED) {
      queue("call " + event.callId() + " answer", () -> store.answered(event.callId(), event.timestampMs()));
    }
    collector.onEvent(event).ifPresentOrElse(this::write, () -> snapshotLegs(event));
  }

  /** A write behind the others (ordered blocking tasks); a failure is logged, the next write still runs. */
  private void queue(String what, Callable<?> write) {
    lastWrite = vertx.executeBlocking(write).onFailure(err ->
        LOG.log(Level.WARNING, "history: " + what + " not written: " + err.getMessage(), err));
  }

  /** Each step of a call may add or change legs (answer, app attached, re-INVITE): keep the latest view. */
  private void snapshotLegs(CallEvent event) {
    if (event.type() == CallEventType.DTMF_RECEIVED) {
      return;
    }
    vertx.eventBus().<CallQueries.ActiveCalls>request(Addresses.SIP_CALLS,
        new CallQueries.ActiveCallsQuery(event.callId())).onSuccess(reply -> reply.body().calls()
            .forEach(call -> collector.legs(event.callId(), HistoryJson.legsOfActiveCall(call))));
  }

  private void write(HistoryEntry entry) {
    queue("call " + entry.id(), () -> store.add(entry));
  }

  /** The query arrives checked: {@link HistoryQuery} refuses bad bounds when it is made. */
  private void query(Message<HistoryQuery> msg) {
    HistoryQuery q = msg.body();
    opened.compose(v -> vertx.executeBlocking(() -> store.find(q), false)).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(ar.result());
      } else {
        msg.fail(500, "history query failed: " + ar.cause().getMessage());
      }
    });
  }

  /**
   * Where a finished call's recording is: the file lives on this node, so the API streams it from the path rather
   * than through the bus. 404 when the call was not recorded or its file is gone.
   */
  private void recording(Message<RecordingCommands.FileQuery> msg) {
    String callId = msg.body().callId();
    Future<Optional<Path>> file = opened.compose(v ->
        vertx.executeBlocking(() -> store.recordingOf(callId).filter(Files::isRegularFile), false));
    file.onComplete(ar -> {
      if (ar.failed()) {
        msg.fail(500, "history query failed: " + ar.cause().getMessage());
      } else if (ar.result().isEmpty()) {
        msg.fail(404, "no recording of call " + callId);
      } else {
        msg.reply(new RecordingCommands.File(callId, ar.result().get().toString()));
      }
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pruneTimer);
    vertx.cancelTimer(heartbeatTimer);
    return lastWrite.otherwiseEmpty().compose(v -> vertx.executeBlocking(() -> {
      if (store != null) {
        store.close();
      }
      return null;
    }));
  }
}
