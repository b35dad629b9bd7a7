package io.voicegateway.apps.voicemail;

import io.vertx.core.Future;
import io.voicegateway.apps.AppCall;
import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.Tones;
import io.voicegateway.bus.VoicemailMessages.Message;
import io.voicegateway.config.VoicemailBox;
import io.voicegateway.media.MixerLeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A caller leaving a message in one box: the greeting, a beep, then the caller's voice written to
 * {@code <box>/<id>.wav} until {@code #}, hang-up, the box's {@code max_length} or its {@code silence_timeout} of
 * silence (a message ended by silence loses that silence). A message under a second is dropped; a stored one is
 * indexed and announced, and the gateway hangs up unless the caller already did. Runs on the apps event loop;
 * files and the index only through {@link AppCall#blocking}, one job at a time, chained in {@link #work}.
 */
final class LeaveMessage implements AppSession {
  private static final Logger LOG = Logger.getLogger(LeaveMessage.class.getName());
  static final long MIN_MESSAGE_MS = 1000;
  /** How often the worker drains the frames: the latency of the silence and length checks. */
  static final long DRAIN_MS = 250;

  enum State { GREETING, RECORDING, FINISHING, DONE }

  /** Why a recording ended. */
  enum End { KEY, HANGUP, MAX_LENGTH, SILENCE, FAILED }

  private final AppCall call;
  private final VoicemailBox box;
  private final Voicemail voicemail;
  private final FrameRing ring = new FrameRing(RecordingLeg.RING_FRAMES);
  private final RecordingLeg leg;
  private final long maxFrames;
  private final long silenceFrames;
  private State state = State.GREETING;
  private Future<?> work = Future.succeededFuture();
  private MessageRecorder recorder;
  private long startedAt;
  private String id;
  private long timer = -1;
  private End end;

  LeaveMessage(AppCall call, VoicemailBox box, Voicemail voicemail, Executor loop) {
    this.call = call;
    this.box = box;
    this.voicemail = voicemail;
    this.leg = new RecordingLeg(loop, ring);
    this.maxFrames = box.maxLength().toMillis() / 20;
    this.silenceFrames = box.silenceTimeout().toMillis() / 20;
  }

  /** Loads the greeting on a worker and plays it with the beep; recording starts when the beep ends. */
  LeaveMessage start() {
    call.blocking(this::greetingAndBeep).onComplete(ar -> {
      if (state == State.GREETING) {
        leg.play(ar.succeeded() ? ar.result() : List.of(Tones.beep()), this::record);
      }
    });
    return this;
  }

  private List<PromptAudio> greetingAndBeep() {
    try {
      return List.of(voicemail.prompts().load(box.greeting()), Tones.silence(300), Tones.beep());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "voicemail box " + box.name() + ": greeting " + box.greeting() + " unavailable; beep only",
          e);
      return List.of(Tones.beep());
    }
  }

  @Override
  public MixerLeg leg() {
    return leg;
  }

  State state() {
    return state;
  }

  End end() {
    return end;
  }

  private void record() {
    if (state != State.GREETING) {
      return;
    }
    state = State.RECORDING;
    startedAt = call.nowMs();
    id = Voicemail.newId(startedAt);
    Path file = voicemail.file(box.name(), id);
    leg.record(true);
    work = work.transform(x -> call.blocking(() -> MessageRecorder.create(file))).onComplete(ar -> {
      if (ar.succeeded()) {
        recorder = ar.result();
      } else {
        LOG.log(Level.WARNING, "voicemail box " + box.name() + ": cannot write " + file, ar.cause());
        leg.record(false);
        state = State.DONE;
        call.hangup("voicemail unavailable");
      }
    });
    timer = call.setTimer(DRAIN_MS, this::drain);
  }

  private void drain() {
    timer = -1;
    if (state != State.RECORDING) {
      return;
    }
    work = work.transform(x -> recorder == null ? Future.failedFuture("no recorder")
        : call.blocking(() -> recorder.drain(ring, maxFrames))).onComplete(ar -> {
          if (ar.succeeded()) {
            check(ar.result());
          } else if (state == State.RECORDING) {
            // a disk that fails mid-message: keep what was written rather than record on blindly
            LOG.log(Level.WARNING, "voicemail box " + box.name() + ": writing message " + id + " failed", ar.cause());
            finish(End.FAILED);
          }
        });
  }

  private void check(MessageRecorder.Progress progress) {
    if (state != State.RECORDING) {
      return;
    }
    if (progress.frames() >= maxFrames) {
      finish(End.MAX_LENGTH);
    } else if (progress.silentFrames() >= silenceFrames) {
      finish(End.SILENCE);
    } else {
      timer = call.setTimer(DRAIN_MS, this::drain);
    }
  }

  @Override
  public void onDtmf(char digit, int durationMs) {
    if (digit == '#' && state == State.RECORDING) {
      finish(End.KEY);
    }
  }

  @Override
  public void onEnd(String reason) {
    if (state == State.RECORDING) {
      finish(End.HANGUP);
    } else if (state == State.GREETING) {
      state = State.DONE;
      leg.stop();
    }
  }

  private void finish(End why) {
    state = State.FINISHING;
    end = why;
    leg.record(false);
    if (timer >= 0) {
      call.cancelTimer(timer);
      timer = -1;
    }
    String caller = call.caller();
    String callId = call.callId();
    work = work.transform(x -> call.blocking(() -> store(why, caller, callId))).onComplete(ar -> {
      state = State.DONE;
      if (ar.failed()) {
        LOG.log(Level.WARNING, "voicemail box " + box.name() + ": message " + id + " not stored", ar.cause());
      } else if (ar.result() != null) {
        LOG.info("voicemail box " + box.name() + ": message " + id + " of " + ar.result().durationMs() + " ms stored ("
            + why + ")");
        voicemail.announce(ar.result());
      }
      if (why != End.HANGUP) {
        call.hangup("voicemail " + (ar.succeeded() && ar.result() != null ? "message stored" : "no message"));
      }
    });
  }

  /** On a worker: the last frames, the file closed, and the index entry, or null for a message too short. */
  private Message store(End why, String caller, String callId) throws Exception {
    if (recorder == null) {
      return null;
    }
    if (why != End.FAILED) {
      recorder.drain(ring, maxFrames);
    }
    long durationMs = recorder.close(why == End.SILENCE);
    if (durationMs < MIN_MESSAGE_MS) {
      Files.deleteIfExists(recorder.path());
      return null;
    }
    Message message = new Message(id, box.name(), caller, callId, startedAt, durationMs, false);
    voicemail.store().add(message);
    return message;
  }
}
