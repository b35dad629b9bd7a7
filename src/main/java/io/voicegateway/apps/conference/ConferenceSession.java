package io.voicegateway.apps.conference;

import io.vertx.core.Future;
import io.voicegateway.apps.AppCall;
import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.PromptPlayer;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.apps.prompts.Tones;
import io.voicegateway.config.ConferencesConfig;
import io.voicegateway.config.Prompt;
import io.voicegateway.media.MixerLeg;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One caller of a conference room: asks for the room's PIN if it has one (the prompt, then digits and {@code #};
 * three wrong tries or silences and the call is hung up), then enters the room, and leaves it when the call ends. A
 * full room is refused with a low tone. Runs on the apps loop; its leg on the member call's mixer thread.
 */
final class ConferenceSession implements AppSession {
  private static final Logger LOG = Logger.getLogger(ConferenceSession.class.getName());
  static final int TRIES = 3;
  /** How long the caller has to key the PIN in after the prompt. */
  static final long PIN_TIMEOUT_MS = 10_000;
  /** Asks for the PIN when no prompt library is there: two short high beeps. */
  static final List<PromptAudio> PIN_CUE = List.of(Tones.tone(1200, 100, 0.3f), Tones.silence(80),
      Tones.tone(1200, 100, 0.3f));
  /** A wrong PIN: a low buzz. */
  static final List<PromptAudio> WRONG = List.of(Tones.tone(300, 400, 0.3f), Tones.silence(200));
  /** The room is full. */
  static final List<PromptAudio> FULL = List.of(Tones.tone(400, 250, 0.3f), Tones.silence(100),
      Tones.tone(300, 250, 0.3f), Tones.silence(100), Tones.tone(200, 400, 0.3f));

  private final AppCall call;
  private final Conferences conferences;
  private final ConferenceRoom room;
  /** The room's settings as this caller came in: a reload changes them for later callers only. */
  private final ConferencesConfig.Room settings;
  private final Prompts prompts;
  private final MemberLeg leg;
  private final StringBuilder digits = new StringBuilder();
  private int tries;
  private long timer = -1;
  private boolean askingPin;
  private boolean over;

  /** @param prompts speaks the PIN prompt (null, or a prompt it cannot render: a beep cue asks instead) */
  ConferenceSession(AppCall call, Conferences conferences, ConferenceRoom room, Prompts prompts) {
    this.call = call;
    this.conferences = conferences;
    this.room = room;
    this.settings = room.config();
    this.prompts = prompts;
    this.leg = new MemberLeg(new PromptPlayer(r -> call.setTimer(1, r)));
  }

  String callId() {
    return call.callId();
  }

  @Override
  public MixerLeg leg() {
    return leg;
  }

  void start() {
    if (settings.pin() == null) {
      enter();
    } else {
      askPin();
    }
  }

  private void askPin() {
    askingPin = true;
    digits.setLength(0);
    pinPrompt().onComplete(ar -> {
      if (over || !askingPin) {
        return;
      }
      List<PromptAudio> audio = ar.succeeded() ? List.of(ar.result()) : PIN_CUE;
      if (ar.failed()) {
        LOG.log(Level.WARNING, "conference " + room.name() + ": PIN prompt unavailable, a beep asks instead", ar.cause());
      }
      leg.player().play(audio, this::awaitDigits);
    });
  }

  private Future<PromptAudio> pinPrompt() {
    if (prompts == null) {
      return Future.failedFuture("no prompt library");
    }
    Prompt prompt = settings.pinPrompt();
    return call.blocking(() -> prompts.load(prompt));
  }

  private void awaitDigits() {
    restartTimer();
  }

  private void restartTimer() {
    cancelTimer();
    if (!over) {
      timer = call.setTimer(PIN_TIMEOUT_MS, () -> {
        timer = -1;
        wrong("no PIN keyed in");
      });
    }
  }

  @Override
  public void onDtmf(char digit, int durationMs) {
    if (!askingPin || over) {
      return;
    }
    leg.player().stop(); // barge-in: the caller knows the PIN already
    if (digit == '#') {
      String keyed = digits.toString();
      digits.setLength(0);
      if (keyed.equals(settings.pin())) {
        askingPin = false;
        cancelTimer();
        enter();
      } else {
        wrong("wrong PIN");
      }
      return;
    }
    if (digits.length() < 32) {
      digits.append(digit);
    }
    restartTimer();
  }

  private void wrong(String why) {
    cancelTimer();
    tries++;
    digits.setLength(0);
    if (tries >= TRIES) {
      askingPin = false;
      leg.player().play(WRONG, () -> call.hangup("conference " + room.name() + ": " + why + " " + TRIES + " times"));
    } else {
      leg.player().play(WRONG, this::askPin);
    }
  }

  private void enter() {
    RoomMember member = room.join(call.callId(), call.caller(), call.callerDevice(), call.nowMs(), leg.player());
    if (member == null) {
      leg.player().play(FULL, () -> call.hangup("conference " + room.name() + " is full"));
      return;
    }
    leg.enter(member);
    conferences.entered(this);
  }

  /** The API's kick: the member's call is hung up, and it leaves the room with the call's end. */
  Future<Void> kick() {
    return call.hangup("kicked from conference " + room.name());
  }

  @Override
  public void onEnd(String reason) {
    over = true;
    cancelTimer();
    RoomMember member = leg.member();
    if (member != null) {
      room.leave(member);
      conferences.left(this, room);
    }
  }

  private void cancelTimer() {
    if (timer >= 0) {
      call.cancelTimer(timer);
      timer = -1;
    }
  }
}
