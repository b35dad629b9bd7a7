package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The per-call bus rate (issue 13), the mixer driven one tick at a time with a stepped clock: the rate chosen
 * as legs join, leave, change codec and stop listening; same-rate relay without any processing; mix-minus
 * across rates; nothing allocated per frame at any bus rate.
 */
class CallMixTest {
  private static final long FRAME = Mixer.FRAME_NANOS;

  /** A leg at a declared rate that says a constant level (or nothing) and keeps what it heard last. */
  static final class RateLeg implements MixerLeg {
    int rate;
    float[] frame;
    boolean talking = true;
    boolean listening = true;
    float[] heard; // the array pushed last (the mixer's or a talker's): inspected before the next tick
    float[] heardCopy = new float[960];
    int heardLength;
    int pushes;

    RateLeg(int rate, float level) {
      this.rate = rate;
      say(level);
    }

    void say(float level) {
      frame = new float[Math.max(rate, 8000) / 50];
      Arrays.fill(frame, level);
    }

    @Override
    public int mixRate() {
      return rate;
    }

    @Override
    public float[] pull() {
      return talking ? frame : null;
    }

    @Override
    public void push(float[] mix) {
      heard = mix;
      heardLength = mix.length;
      System.arraycopy(mix, 0, heardCopy, 0, mix.length);
      pushes++;
    }

    @Override
    public boolean listening() {
      return listening;
    }

    /** The level heard at the end of the last frame (past any resampler's start-up). */
    float level() {
      return heardCopy[heardLength - 1];
    }
  }

  private final MixerPartition partition = new MixerPartition(0);
  private final Mixer mixer = new Mixer(partition);
  private final MixerCall call = new MixerCall("c1");
  private long now = 1_000_000_000L;

  CallMixTest() {
    partition.add(call);
  }

  private void tick() {
    mixer.tick(now);
    now += FRAME;
  }

  private void ticks(int n) {
    for (int i = 0; i < n; i++) {
      tick();
    }
  }

  @Test
  void twoNarrowbandLegsMixAt8kAndEachHearsTheOthersFrameItself() {
    RateLeg a = new RateLeg(8000, 0.25f);
    RateLeg b = new RateLeg(8000, -0.5f);
    call.add(a);
    call.add(b);
    tick();
    assertEquals(8000, call.busRate());
    assertSame(b.frame, a.heard, "no copy, no resample, no soft clip");
    assertSame(a.frame, b.heard);
    assertEquals(160, a.heardLength);
  }

  @Test
  void busFollowsTheHighestListeningLegAsLegsJoinLeaveAndHold() {
    RateLeg phone = new RateLeg(8000, 0.1f);
    call.add(phone);
    tick();
    assertEquals(8000, call.busRate());
    RateLeg wideband = new RateLeg(16000, 0.2f);
    call.add(wideband);
    tick();
    assertEquals(16000, call.busRate(), "a G.722 leg joined");
    assertEquals(160, phone.heardLength, "the phone still hears 8 kHz frames");
    assertEquals(320, wideband.heardLength);
    wideband.listening = false;
    tick();
    assertEquals(8000, call.busRate(), "on hold it needs nothing: its audio is resampled down");
    wideband.listening = true;
    RateLeg app = new RateLeg(48000, 0f);
    app.talking = false;
    call.add(app);
    tick();
    assertEquals(48000, call.busRate(), "a 48 kHz app leg listens");
    assertEquals(960, app.heardLength);
    call.remove(app);
    tick();
    assertEquals(16000, call.busRate());
    call.remove(wideband);
    tick();
    assertEquals(8000, call.busRate());
  }

  @Test
  void aLegThatChangesCodecMovesTheBusAtTheNextFrame() {
    RateLeg a = new RateLeg(8000, 0.1f);
    RateLeg b = new RateLeg(8000, 0.2f);
    call.add(a);
    call.add(b);
    tick();
    assertEquals(8000, call.busRate());
    b.rate = 48000; // renegotiated to Opus
    b.say(0.2f);
    ticks(5);
    assertEquals(48000, call.busRate());
    assertEquals(960, b.heardLength);
    assertEquals(160, a.heardLength);
    assertEquals(0.2f, a.level(), 1e-3f, "the Opus leg's audio reaches the 8 kHz leg resampled");
    assertEquals(0.1f, b.level(), 1e-3f);
  }

  @Test
  void legsThatTakeAnyRateFollowTheBusAndNeverRaiseIt() {
    RateLeg echo = new RateLeg(0, 0f);
    echo.talking = false;
    call.add(echo);
    tick();
    assertEquals(8000, call.busRate(), "rate-less legs only: the cheapest bus");
    RateLeg g722 = new RateLeg(16000, 0.3f);
    call.add(g722);
    tick();
    assertEquals(16000, call.busRate());
    assertEquals(320, echo.heardLength, "the echo hears the bus rate");
    assertSame(g722.frame, echo.heard);
  }

  @Test
  void aTalkerThatDoesNotListenIsResampledToTheListenersRate() {
    RateLeg prompt = new RateLeg(48000, 0.4f);
    prompt.listening = false;
    RateLeg phone = new RateLeg(8000, 0f);
    phone.talking = false;
    call.add(prompt);
    call.add(phone);
    ticks(3);
    assertEquals(8000, call.busRate());
    assertEquals(160, phone.heardLength);
    assertEquals(0.4f, phone.level(), 1e-3f);
    assertEquals(0, prompt.pushes);
  }

  @Test
  void threeLegsKeepMixMinusAcrossRates() {
    RateLeg a = new RateLeg(8000, 0.1f);
    RateLeg b = new RateLeg(16000, 0.2f);
    RateLeg c = new RateLeg(16000, 0.3f);
    call.add(a);
    call.add(b);
    call.add(c);
    ticks(4);
    assertEquals(16000, call.busRate());
    assertEquals(0.5f, a.level(), 1e-3f, "a hears b + c");
    assertEquals(0.4f, b.level(), 1e-3f, "b hears a + c");
    assertEquals(0.3f, c.level(), 1e-3f, "c hears a + b");
    c.talking = false;
    ticks(4);
    assertEquals(0.3f, c.level(), 1e-3f, "c hears a + b");
    assertEquals(0.2f, a.level(), 1e-3f, "a hears b alone, brought to 8 kHz");
    assertEquals(0.1f, b.level(), 1e-3f, "b hears a alone, brought to 16 kHz");
  }

  @Test
  void aLoudSumIsSoftClippedButASingleTalkerNever() {
    RateLeg a = new RateLeg(8000, 0.9f);
    RateLeg b = new RateLeg(8000, 0.9f);
    RateLeg c = new RateLeg(8000, 0f);
    c.talking = false;
    call.add(a);
    call.add(b);
    tick();
    assertEquals(0.9f, a.level(), 0f, "one talker: unchanged, above the soft clip's knee");
    call.add(c);
    tick();
    assertEquals(SoftClip.apply(1.8f), c.level(), 1e-6f, "two talkers summed: soft-clipped");
    assertEquals(0.9f, a.level(), 0f, "a hears b alone: c is silent");
  }

  @Test
  void nobodyTalkingIsSilenceAtEachLegsRate() {
    RateLeg a = new RateLeg(8000, 0f);
    RateLeg b = new RateLeg(48000, 0f);
    a.talking = false;
    b.talking = false;
    call.add(a);
    call.add(b);
    tick();
    assertEquals(160, a.heardLength);
    assertEquals(960, b.heardLength);
    for (int k = 0; k < 960; k++) {
      assertEquals(0f, b.heardCopy[k]);
    }
  }

  @Test
  void framesAllocateNothingAtAnyBusRate() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    int[][] calls = {{8000, 8000}, {8000, 8000, 8000}, {8000, 16000, 16000}, {8000, 48000, 0}, {48000, 48000, 16000}};
    for (int[] rates : calls) {
      MixerPartition p = new MixerPartition(1);
      Mixer m = new Mixer(p);
      MixerCall c = new MixerCall("alloc");
      for (int i = 0; i < rates.length; i++) {
        c.add(new RateLeg(rates[i], 0.1f * (i + 1)));
      }
      p.add(c);
      long t = 0;
      for (int i = 0; i < 3000; i++, t += FRAME) {
        m.tick(t);
      }
      long before = threads.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 1000; i++, t += FRAME) {
        m.tick(t);
      }
      long perThousand = threads.getThreadAllocatedBytes(tid) - before;
      System.out.printf("bus %d Hz %s: %d B allocated over 1000 frames%n", c.busRate(), Arrays.toString(rates),
          perThousand);
      assertTrue(perThousand < 1000, Arrays.toString(rates) + ": " + perThousand + " B over 1000 frames");
    }
  }
}
