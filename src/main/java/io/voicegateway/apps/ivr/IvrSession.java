package io.voicegateway.apps.ivr;

import io.vertx.core.Future;
import io.voicegateway.apps.AppCall;
import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.PromptPlayer;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.bus.CallCommands.HandOff;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.config.IvrAction;
import io.voicegateway.config.IvrConfig;
import io.voicegateway.config.IvrMenu;
import io.voicegateway.config.Prompt;
import io.voicegateway.media.MixerLeg;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One caller in the IVR: a state machine driven by the caller's keys ({@link #onDtmf}) and the call's timers. A
 * menu plays its greeting (a key cuts it short: barge-in), then waits {@code timeout} for a key; a key with an
 * option runs its action, any other plays {@code invalid} and the greeting again, silence plays {@code
 * timeout_prompt} and the greeting again; after {@code max_retries} such failures the menu's default action runs.
 * {@code extension} and {@code dial} collect digits first ({@link DigitCollector}). Handing the call on (a phone,
 * a number, a stream) is call control's job ({@link AppCall#connect}); the caller hears a ringback meanwhile and,
 * if nobody answers, {@code unavailable}, and is back in the menu. Every step goes out as an IVR_STEP event. Runs on the apps verticle's
 * event loop only; prompts load on a worker.
 */
final class IvrSession implements AppSession {
  private static final Logger LOG = Logger.getLogger(IvrSession.class.getName());

  private enum State { PLAYING, WAITING, COLLECTING, BUSY, OVER }

  private final AppCall call;
  private final IvrConfig config;
  private final Prompts prompts;
  private final Map<String, String> extensions;
  private final PromptPlayer player;
  /** The menus entered before this one, for {@code back}. */
  private final Deque<IvrMenu> previous = new ArrayDeque<>();
  private IvrMenu menu;
  private State state = State.PLAYING;
  private int failures;
  private long timer = -1;
  /** Counts playlists: a load or an end of playback belonging to an older one is dropped. */
  private int playlist;
  private DigitCollector collector;
  private IvrAction collectingFor;

  IvrSession(AppCall call, IvrConfig config, Prompts prompts, Map<String, String> extensions) {
    this.call = call;
    this.config = config;
    this.prompts = prompts;
    this.extensions = extensions;
    this.player = new PromptPlayer(call.executor());
  }

  void start(IvrMenu first) {
    enter(first);
  }

  @Override
  public MixerLeg leg() {
    return player;
  }

  @Override
  public void onDtmf(char digit, int durationMs) {
    switch (state) {
      case OVER, BUSY -> { }
      case COLLECTING -> collect(digit);
      case PLAYING, WAITING -> {
        silence();
        choose(digit);
      }
    }
  }

  @Override
  public void onEnd(String reason) {
    state = State.OVER;
    silence();
  }

  private void enter(IvrMenu next) {
    menu = next;
    failures = 0;
    step("menu " + next.name());
    greet(List.of());
  }

  /** Plays {@code before} (an invalid-choice prompt, …), then the greeting, then waits for a key. */
  private void greet(List<Prompt> before) {
    List<Prompt> playlist = new ArrayList<>(before);
    playlist.add(menu.greeting());
    play(playlist, () -> {
      state = State.WAITING;
      timer = call.setTimer(menu.timeout().toMillis(), this::timedOut);
    });
  }

  private void choose(char digit) {
    IvrAction action = menu.options().get(digit);
    if (action == null) {
      step("invalid key " + digit);
      failed(menu.invalid());
      return;
    }
    step("key " + digit);
    run(action);
  }

  private void timedOut() {
    timer = -1;
    step("timeout");
    failed(menu.timeoutPrompt());
  }

  /** An invalid key or silence: the menu again, or its default action once the retries are used up. */
  private void failed(Prompt prompt) {
    failures++;
    List<Prompt> before = prompt == null ? List.of() : List.of(prompt);
    if (failures > menu.maxRetries()) {
      step("default");
      play(before, () -> run(menu.defaultAction()));
    } else {
      greet(before);
    }
  }

  private void run(IvrAction action) {
    if (action instanceof IvrAction.Menu m) {
      previous.push(menu);
      enter(config.menu(m.name()).orElseThrow());
    } else if (action instanceof IvrAction.Back) {
      enter(previous.isEmpty() ? menu : previous.pop());
    } else if (action instanceof IvrAction.Repeat) {
      greet(List.of());
    } else if (action instanceof IvrAction.Hangup) {
      step("hangup");
      state = State.OVER;
      silence();
      call.hangup("ivr hangup");
    } else if (action instanceof IvrAction.Ring r) {
      handOff(HandOff.ring(call.callId(), r.devices(), ringTimeoutMs()), "ring " + String.join(",", r.devices()));
    } else if (action instanceof IvrAction.Call c) {
      handOff(HandOff.number(call.callId(), c.number(), c.provider(), ringTimeoutMs()), "call " + c.number());
    } else if (action instanceof IvrAction.Stream st) {
      handOff(HandOff.stream(call.callId(), st.name()), "stream " + st.name());
    } else if (action instanceof IvrAction.Voicemail v) {
      replace("voicemail", v.box());
    } else if (action instanceof IvrAction.App a) {
      replace(a.name(), a.argument());
    } else {
      startCollecting(action); // extension or dial
    }
  }

  private void startCollecting(IvrAction action) {
    state = State.COLLECTING;
    collector = new DigitCollector(menu.maxDigits(), menu.terminator());
    collectingFor = action;
    timer = call.setTimer(menu.timeout().toMillis(), this::collected);
  }

  private void collect(char digit) {
    cancelTimer();
    if (collector.add(digit)) {
      collected();
    } else {
      timer = call.setTimer(menu.interDigitTimeout().toMillis(), this::collected);
    }
  }

  /** The entry is complete: the terminator, the most digits, or the caller stopped typing. */
  private void collected() {
    timer = -1;
    String digits = collector.digits();
    collector = null;
    state = State.PLAYING;
    if (digits.isEmpty()) {
      step("timeout");
      failed(menu.timeoutPrompt());
      return;
    }
    step("digits " + digits);
    if (collectingFor instanceof IvrAction.Dial) {
      handOff(HandOff.route(call.callId(), digits, ringTimeoutMs()), "dial " + digits);
      return;
    }
    String device = extensions.get(digits);
    if (device == null) {
      step("unknown extension " + digits);
      failed(menu.invalid());
      return;
    }
    handOff(HandOff.ring(call.callId(), List.of(device), ringTimeoutMs()), "ring " + device);
  }

  /** Call control rings the target; the caller stays here until it answers, and hears why not if it does not. */
  private void handOff(HandOff target, String label) {
    step(label);
    state = State.BUSY;
    silence();
    if (target.ringTimeoutMs() > 0) {
      player.play(Ringback.forMs(target.ringTimeoutMs()), null);
    }
    call.connect(target).onComplete(done -> {
      int status = done.succeeded() ? done.result() : 500;
      if (status == 200) {
        step("connected");
        return;
      }
      if (done.failed()) {
        LOG.warning("call " + call.callId() + ": " + label + " failed: " + done.cause().getMessage());
      }
      notAvailable(label + " " + status);
    });
  }

  private void replace(String app, String argument) {
    String label = argument == null ? app : app + " " + argument;
    step(label);
    state = State.BUSY;
    silence();
    call.replaceWith(app, argument).onFailure(err -> notAvailable(label + " failed"));
  }

  /** Back in the menu after a target did not take the call. */
  private void notAvailable(String what) {
    if (state == State.OVER) {
      return;
    }
    step(what);
    failures = 0;
    player.stop(); // the ringback
    greet(List.of(menu.unavailable()));
  }

  /** Loads {@code prompts} on a worker and plays them; {@code then} runs when they have played (not on barge-in). */
  private void play(List<Prompt> list, Runnable then) {
    cancelTimer();
    state = State.PLAYING;
    int mine = ++playlist;
    if (list.isEmpty()) {
      then.run();
      return;
    }
    Future<List<PromptAudio>> loaded = call.blocking(() -> {
      List<PromptAudio> audio = new ArrayList<>();
      for (Prompt p : list) {
        audio.add(prompts.load(p));
      }
      return audio;
    });
    loaded.onComplete(done -> {
      if (mine != playlist || state == State.OVER) {
        return; // a key or the call's end came first
      }
      if (done.failed()) {
        LOG.warning("call " + call.callId() + ": cannot play " + list + ": " + done.cause().getMessage());
        then.run(); // the menu goes on without its words rather than leaving the caller in silence for ever
        return;
      }
      player.play(done.result(), () -> {
        if (mine == playlist && state == State.PLAYING) {
          then.run();
        }
      });
    });
  }

  /** Stops what plays (barge-in) and what was waited for. */
  private void silence() {
    playlist++;
    player.stop();
    cancelTimer();
  }

  private void cancelTimer() {
    if (timer >= 0) {
      call.cancelTimer(timer);
      timer = -1;
    }
  }

  private long ringTimeoutMs() {
    return menu.ringTimeout().toMillis();
  }

  private void step(String what) {
    call.publish(CallEventType.IVR_STEP, what);
  }
}
