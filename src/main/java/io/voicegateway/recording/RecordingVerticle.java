package io.voicegateway.recording;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.RecordingCommands;
import io.voicegateway.media.CallRecorder;
import io.voicegateway.media.MediaEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The recorder on the media side: serves {@link Addresses#MEDIA_RECORDING_START} and
 * {@link Addresses#MEDIA_RECORDING_STOP} by putting a {@link CallRecorder} into the call's mix and writing what it
 * hands off to {@code dir/YYYY-MM-DD/<callId>.wav}. Files are written by one worker thread of its own (never the
 * event loop, never the mixer), which drains every ring every 100 ms and rewrites each header about once a second.
 * On start it repairs the files a killed gateway left. Call control decides when; this only carries it out.
 */
public final class RecordingVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(RecordingVerticle.class.getName());
  static final long DRAIN_EVERY_MS = 100;
  /** Drains (30 s) after which a recording whose call has left the media is finished without being asked. */
  static final int ORPHAN_DRAINS = 300;

  private final MediaEngine engine;
  private final Path dir;
  private final Clock wallClock;
  private final Map<String, ActiveRecording> active = new ConcurrentHashMap<>();
  private WorkerExecutor worker;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long drainTimer = -1;
  private boolean draining;

  public RecordingVerticle(MediaEngine engine, Path dir, Clock wallClock) {
    this.engine = engine;
    this.dir = dir;
    this.wallClock = wallClock;
  }

  @Override
  public Future<?> start() {
    worker = vertx.createSharedWorkerExecutor("vg-recording", 1);
    return worker.executeBlocking(() -> RecordingFiles.repairAll(dir)).compose(repaired -> { // each one is logged
      EventBus bus = vertx.eventBus();
      consumers.add(bus.<RecordingCommands.Start>consumer(Addresses.MEDIA_RECORDING_START, this::start));
      consumers.add(bus.<RecordingCommands.Stop>consumer(Addresses.MEDIA_RECORDING_STOP, this::stop));
      drainTimer = vertx.setPeriodic(DRAIN_EVERY_MS, id -> drainAll());
      return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    });
  }

  private void start(Message<RecordingCommands.Start> msg) {
    RecordingCommands.Start cmd = msg.body();
    ActiveRecording running = active.get(cmd.callId());
    if (running != null) {
      if (!running.recorder().paused()) {
        msg.fail(409, "call " + cmd.callId() + " is already being recorded");
        return;
      }
      running.recorder().resume();
      msg.reply(new RecordingCommands.Started(cmd.callId(), running.path().toString(), true));
      return;
    }
    Path path;
    try {
      path = RecordingFiles.fileOf(dir, cmd.callId(), wallClock.millis());
    } catch (IllegalArgumentException e) {
      msg.fail(400, e.getMessage());
      return;
    }
    CallRecorder recorder = new CallRecorder(cmd.callId(), cmd.callerLegId());
    if (!engine.startRecording(recorder)) {
      msg.fail(engine.hasCall(cmd.callId()) ? 409 : 404, "call " + cmd.callId()
          + (engine.hasCall(cmd.callId()) ? " is already being recorded" : " has no media"));
      return;
    }
    ActiveRecording recording = new ActiveRecording(recorder, path);
    active.put(cmd.callId(), recording);
    // Frames wait in the recorder's ring while the file is made.
    worker.executeBlocking(() -> {
      recording.open(System.nanoTime());
      return null;
    }, true).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(new RecordingCommands.Started(cmd.callId(), path.toString(), false));
      } else {
        engine.stopRecording(cmd.callId());
        active.remove(cmd.callId(), recording);
        LOG.log(Level.WARNING, "call " + cmd.callId() + ": cannot write " + path, ar.cause());
        msg.fail(500, "cannot write " + path + ": " + ar.cause().getMessage());
      }
    });
  }

  private void stop(Message<RecordingCommands.Stop> msg) {
    RecordingCommands.Stop cmd = msg.body();
    ActiveRecording recording = active.get(cmd.callId());
    if (recording == null) {
      msg.fail(404, "call " + cmd.callId() + " has no recording");
      return;
    }
    if (!cmd.finish()) {
      recording.recorder().pause();
      msg.reply(new RecordingCommands.Stopped(cmd.callId(), recording.path().toString(), recording.durationMs()));
      return;
    }
    active.remove(cmd.callId(), recording);
    finish(recording).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(new RecordingCommands.Stopped(cmd.callId(), recording.path().toString(), recording.durationMs()));
      } else {
        msg.fail(500, "recording " + recording.path() + " not closed: " + ar.cause().getMessage());
      }
    });
  }

  /** No frame after this; the worker writes what is left and closes the file. */
  private Future<Void> finish(ActiveRecording recording) {
    engine.stopRecording(recording.recorder().callId());
    return worker.<Void>executeBlocking(() -> {
      recording.close(System.nanoTime());
      return null;
    }, true).onFailure(err -> LOG.log(Level.WARNING, "recording " + recording.path() + ": " + err.getMessage(), err));
  }

  /** One drain at a time: a slow disk skips ticks instead of queueing them. */
  private void drainAll() {
    if (draining || active.isEmpty()) {
      return;
    }
    draining = true;
    for (ActiveRecording recording : List.copyOf(active.values())) {
      if (recording.orphaned(!engine.hasCall(recording.recorder().callId()), ORPHAN_DRAINS)) {
        // Call control always finishes a recording when its call ends; this only guards against that being lost.
        LOG.warning("recording " + recording.path() + ": its call ended without a stop; finished");
        active.remove(recording.recorder().callId(), recording);
        finish(recording);
      }
    }
    List<ActiveRecording> now = List.copyOf(active.values());
    worker.executeBlocking(() -> {
      long nanos = System.nanoTime();
      for (ActiveRecording recording : now) {
        try {
          recording.drain(nanos);
          long dropped = recording.newlyDropped();
          if (dropped > 0) {
            LOG.warning("recording " + recording.path() + ": " + dropped + " frames dropped (the disk fell behind)");
          }
        } catch (java.io.IOException e) {
          LOG.log(Level.WARNING, "recording " + recording.path() + ": " + e.getMessage(), e);
        }
      }
      return null;
    }, true).onComplete(ar -> draining = false);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(drainTimer);
    List<Future<?>> ending = new ArrayList<>();
    consumers.forEach(c -> ending.add(c.unregister()));
    for (ActiveRecording recording : List.copyOf(active.values())) {
      active.remove(recording.recorder().callId());
      ending.add(finish(recording));
    }
    return Future.join(ending).eventually(() -> worker.close());
  }
}
