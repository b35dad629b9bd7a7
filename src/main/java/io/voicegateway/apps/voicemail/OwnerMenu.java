package io.voicegateway.apps.voicemail;

import io.voicegateway.apps.AppCall;
import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.audio.WavReader;
import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.Tones;
import io.voicegateway.bus.VoicemailMessages.Message;
import io.voicegateway.config.Prompt;
import io.voicegateway.config.VoicemailBox;
import io.voicegateway.media.MixerLeg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An owner listening to their box on the access number. The box is the first one whose {@code owners} list the
 * device the phone authenticated as ({@link AppCall#callerDevice()}; never the From, which anyone can write);
 * a caller that owns none is told so and hung up on. With a PIN it is asked first (digits then {@code #}, three
 * tries). Then the number of new messages, and the messages: new ones first, then the heard ones, each oldest
 * first (as Asterisk plays them). While a message plays or after it: 1 repeats it, 7 deletes it, 9 saves it and
 * goes on, # goes on; a message played to its end or saved is heard. After the last one: goodbye and hang-up.
 */
final class OwnerMenu implements AppSession {
  private static final Logger LOG = Logger.getLogger(OwnerMenu.class.getName());
  static final int PIN_TRIES = 3;
  static final long PIN_TIMEOUT_MS = 10_000;
  /** After a message and its key help, how long before the next one starts by itself. */
  static final long NEXT_AFTER_MS = 8_000;
  static final Prompt NO_BOX = Prompt.text("There is no voicemail box for this phone. Goodbye.");
  static final Prompt ENTER_PIN = Prompt.text("Please enter your PIN, then press pound.");
  static final Prompt WRONG_PIN = Prompt.text("That PIN is not right.");
  static final Prompt HELP = Prompt.text("Press 1 to repeat, 7 to delete, 9 to save, or pound for the next message.");
  static final Prompt DELETED = Prompt.text("Message deleted.");
  static final Prompt NO_MORE = Prompt.text("No more messages. Goodbye.");
  /** The fixed prompts (the count is made per call). */
  static final List<Prompt> PROMPTS = List.of(NO_BOX, ENTER_PIN, WRONG_PIN, HELP, DELETED, NO_MORE);

  enum State { PIN, LOADING, LISTENING, DONE }

  private final AppCall call;
  private final Voicemail voicemail;
  private final VoicemailBox box;
  private final RecordingLeg leg;
  private final StringBuilder digits = new StringBuilder();
  private State state = State.LOADING;
  private int pinTries;
  private List<Message> messages = List.of();
  private int current;
  /** Bumped on every step, so a late worker result or timer of an earlier step does nothing. */
  private int step;
  private long timer = -1;

  OwnerMenu(AppCall call, Voicemail voicemail, Executor loop) {
    this.call = call;
    this.voicemail = voicemail;
    this.box = voicemail.config().ownedBy(call.callerDevice()).orElse(null);
    this.leg = new RecordingLeg(loop, new FrameRing(1));
  }

  OwnerMenu start() {
    if (box == null) {
      state = State.DONE;
      say(List.of(NO_BOX), List.of(), () -> call.hangup("voicemail: no box for this phone"));
    } else if (box.pin() != null) {
      askPin();
    } else {
      open();
    }
    return this;
  }

  @Override
  public MixerLeg leg() {
    return leg;
  }

  State state() {
    return state;
  }

  VoicemailBox box() {
    return box;
  }

  private void askPin() {
    state = State.PIN;
    digits.setLength(0);
    int at = next();
    say(List.of(ENTER_PIN), List.of(), null);
    restartTimer(PIN_TIMEOUT_MS, () -> pinEntered(at));
  }

  @Override
  public void onDtmf(char digit, int durationMs) {
    switch (state) {
      case PIN -> {
        if (digit == '#') {
          pinEntered(step);
        } else if (digits.length() < 16) {
          digits.append(digit);
          int at = step;
          restartTimer(PIN_TIMEOUT_MS, () -> pinEntered(at));
        }
      }
      case LISTENING -> key(digit);
      default -> { }
    }
  }

  private void pinEntered(int at) {
    if (state != State.PIN || at != step) {
      return;
    }
    boolean right = MessageDigest.isEqual(digits.toString().getBytes(StandardCharsets.US_ASCII),
        box.pin().getBytes(StandardCharsets.US_ASCII));
    if (right) {
      open();
    } else if (++pinTries >= PIN_TRIES) {
      goodbye(List.of(WRONG_PIN), "voicemail: wrong PIN");
    } else {
      state = State.LOADING;
      next();
      say(List.of(WRONG_PIN), List.of(), this::askPin);
    }
  }

  /** Loads the box's messages on a worker and announces how many are new. */
  private void open() {
    state = State.LOADING;
    int at = next();
    call.blocking(() -> voicemail.store().messages(box.name())).onComplete(ar -> {
      if (at != step) {
        return;
      }
      if (ar.failed()) {
        LOG.log(Level.WARNING, "voicemail box " + box.name() + ": index unavailable", ar.cause());
        goodbye(List.of(), "voicemail unavailable");
        return;
      }
      List<Message> ordered = new ArrayList<>(ar.result());
      ordered.sort(Comparator.comparing(Message::heard).thenComparingLong(Message::receivedAt));
      messages = ordered;
      long fresh = ordered.stream().filter(m -> !m.heard()).count();
      String count = "You have " + (fresh == 0 ? "no" : Long.toString(fresh)) + " new message" + (fresh == 1 ? "" : "s")
          + (ordered.size() > fresh ? " and " + (ordered.size() - fresh) + " saved." : ".");
      current = 0;
      say(List.of(Prompt.text(count)), List.of(), this::play);
    });
  }

  /** Plays message {@link #current}, then the key help; at the end of the list, goodbye. */
  private void play() {
    if (current >= messages.size()) {
      goodbye(List.of(NO_MORE), "voicemail: all messages played");
      return;
    }
    state = State.LISTENING;
    int at = next();
    Message message = messages.get(current);
    call.blocking(() -> new PromptAudio(WavReader.readMono(voicemail.file(box.name(), message.id()),
        PromptAudio.SAMPLE_RATE))).onComplete(ar -> {
          if (at != step) {
            return;
          }
          if (ar.failed()) {
            LOG.log(Level.WARNING, "voicemail message " + message.id() + " unreadable", ar.cause());
            current++;
            play();
            return;
          }
          leg.play(List.of(Tones.beep(), Tones.silence(300), ar.result(), Tones.silence(500)), () -> {
            if (at == step) {
              heard(message);
              say(List.of(HELP), List.of(), null);
              restartTimer(NEXT_AFTER_MS, () -> {
                if (at == step) {
                  current++;
                  play();
                }
              });
            }
          });
        });
  }

  private void key(char digit) {
    if (current >= messages.size()) {
      return;
    }
    Message message = messages.get(current);
    switch (digit) {
      case '1' -> play();
      case '7' -> {
        next();
        leg.stop();
        List<Message> rest = new ArrayList<>(messages);
        rest.remove(current);
        messages = rest;
        int at = step;
        call.blocking(() -> {
          voicemail.store().delete(box.name(), message.id());
          java.nio.file.Files.deleteIfExists(voicemail.file(box.name(), message.id()));
          return null;
        }).onComplete(ar -> say(List.of(DELETED), List.of(), () -> {
          if (at == step) {
            play();
          }
        }));
      }
      case '9' -> {
        heard(message);
        current++;
        play();
      }
      case '#' -> {
        current++;
        play();
      }
      default -> { }
    }
  }

  private void heard(Message message) {
    if (!message.heard()) {
      call.blocking(() -> voicemail.store().markHeard(box.name(), message.id()));
    }
  }

  private void goodbye(List<Prompt> prompts, String reason) {
    state = State.DONE;
    next();
    say(prompts, List.of(), () -> call.hangup(reason));
  }

  /**
   * Plays {@code prompts} (loaded on a worker; one that cannot be loaded, say text without a TTS engine, is left
   * out) followed by {@code audio}, then runs {@code then} (if any) on the loop.
   */
  private void say(List<Prompt> prompts, List<PromptAudio> audio, Runnable then) {
    int at = step;
    Callable<List<PromptAudio>> load = () -> {
      List<PromptAudio> list = new ArrayList<>();
      for (Prompt p : prompts) {
        try {
          list.add(voicemail.prompts().load(p));
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.FINE, "prompt " + p + " unavailable", e);
        }
      }
      list.addAll(audio);
      return list;
    };
    call.blocking(load).onComplete(ar -> {
      if (at != step) {
        return;
      }
      List<PromptAudio> list = ar.succeeded() ? ar.result() : List.of();
      if (list.isEmpty()) {
        if (then != null) {
          then.run();
        }
      } else {
        leg.play(list, then == null ? () -> { } : then);
      }
    });
  }

  private int next() {
    if (timer >= 0) {
      call.cancelTimer(timer);
      timer = -1;
    }
    return ++step;
  }

  private void restartTimer(long ms, Runnable action) {
    if (timer >= 0) {
      call.cancelTimer(timer);
    }
    timer = call.setTimer(ms, () -> {
      timer = -1;
      action.run();
    });
  }

  @Override
  public void onEnd(String reason) {
    state = State.DONE;
    next();
    leg.stop();
  }
}
