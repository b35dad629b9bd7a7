package io.voicegateway.media;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.fax.FaxTone;
import io.voicegateway.media.fax.FaxWatch;
import io.voicegateway.media.fax.RelayRing;
import io.voicegateway.media.fax.RelayStamps;
import java.util.function.Supplier;

/**
 * The fax switch of one call (issue 13). It watches the legs of a two-party call whose legs both speak G.711; when
 * either leg sends a fax tone (CNG or CED) and both legs use the same law, the call stops being mixed and each leg's
 * payloads are relayed to the other unchanged through a {@link RelayRing} (no PLC, no resampling, no comfort noise:
 * fax modems cannot survive any of them). With PCMU on one side and PCMA on the other the tone is announced and the
 * call keeps transcoding. Any other call (a third party, an app, another codec, a hold) is mixed as usual, and a
 * relaying call whose legs change goes back to the mixer.
 *
 * <p>Mixer thread only, called once per frame by {@link MixerCall}; steady state allocates nothing (watches are
 * built when the legs or their pipelines change).
 */
final class FaxPassThrough {
  static final String MODE_PASS_THROUGH = "passthrough";
  static final String MODE_TRANSCODING = "transcoding";

  private final Supplier<MediaEvents> events;
  private final byte[] packet = new byte[12 + RelayRing.MAX_PAYLOAD];
  private final RelayStamps toB = new RelayStamps();
  private final RelayStamps toA = new RelayStamps();
  // What the last rewire saw: a leg joins the mix before its pipeline starts (a callee's, at its 200), so a change
  // of either pipeline must be seen as well as a change of the legs.
  private MixerLeg[] seen;
  private LegPipeline seenFirst;
  private LegPipeline seenSecond;
  private LegMedia a;
  private LegMedia b;
  private LegPipeline pipelineA;
  private LegPipeline pipelineB;
  private FaxWatch watchA;
  private FaxWatch watchB;
  private boolean relaying;
  private boolean announced;

  FaxPassThrough(Supplier<MediaEvents> events) {
    this.events = events;
  }

  /** Mixer thread, once per 20 ms frame: true when this frame was relayed and the mixer must not mix it. */
  boolean relayed(MixerLeg[] legs) {
    if (legs != seen || pipeline(legs, 0) != seenFirst || pipeline(legs, 1) != seenSecond) {
      rewire(legs);
    }
    if (watchA == null) {
      return false;
    }
    if (!relaying && !switchOn()) {
      stopWatchingAfterSpeech();
      return false;
    }
    relay(watchA.ring(), b, toB);
    relay(watchB.ring(), a, toA);
    return true;
  }

  /** Relaying (or announcing) once a tone was heard; false while the call is to be mixed. */
  private boolean switchOn() {
    FaxTone tone = watchA.tone() != null ? watchA.tone() : watchB.tone();
    if (tone == null) {
      return false;
    }
    LegMedia heardOn = watchA.tone() != null ? a : b;
    boolean sameLaw = watchA.alaw() == watchB.alaw();
    if (!announced) {
      announced = true;
      String mode = sameLaw ? MODE_PASS_THROUGH : MODE_TRANSCODING;
      a.faxMode(mode);
      b.faxMode(mode);
      events.get().faxDetected(heardOn.callId(), heardOn.legId(), tone.name(), mode);
    }
    if (!sameLaw) {
      return false;
    }
    start();
    return true;
  }

  /**
   * A leg that carried enough speech has stopped watching; the other stops too: the call is a conversation. Only
   * after {@link #switchOn()} has looked for a tone, so a tone heard in the same frame still wins.
   */
  private void stopWatchingAfterSpeech() {
    if (watchA.watching() != watchB.watching()) {
      watchA.stopWatching();
      watchB.stopWatching();
    }
  }

  private void start() {
    relaying = true;
    toA.reset();
    toB.reset();
    watchA.relaying(true);
    watchB.relaying(true);
  }

  private void relay(RelayRing ring, LegMedia to, RelayStamps stamps) {
    LegConfig config = pipelineOf(to).config();
    for (int len = ring.poll(packet, 12); len >= 0; len = ring.poll(packet, 12)) {
      if (config.send()) {
        stamps.header(ring, to.packetizer(), packet, config.payloadType(), len);
        to.sendRelayed(packet, 12 + len);
      }
    }
    to.packetizer().advance(config.codec().timestampsPer20ms()); // the far stream's clock runs on between packets
  }

  private LegPipeline pipelineOf(LegMedia leg) {
    return leg == a ? pipelineA : pipelineB;
  }

  /** The legs or a pipeline changed: watch the new pair if it qualifies, else let the mixer have the call back. */
  private void rewire(MixerLeg[] legs) {
    seen = legs;
    seenFirst = pipeline(legs, 0);
    seenSecond = pipeline(legs, 1);
    LegMedia newA = legs.length == 2 && legs[0] instanceof LegMedia m ? m : null;
    LegMedia newB = legs.length == 2 && legs[1] instanceof LegMedia m ? m : null;
    LegPipeline pa = newA == null ? null : newA.pipeline();
    LegPipeline pb = newB == null ? null : newB.pipeline();
    boolean eligible = g711(pa) && g711(pb);
    boolean wasRelaying = relaying;
    stop();
    if (!eligible) {
      return;
    }
    a = newA;
    b = newB;
    pipelineA = pa;
    pipelineB = pb;
    watchA = watch(pa);
    watchB = watch(pb);
    a.fax(watchA);
    b.fax(watchB);
    if (wasRelaying && watchA.alaw() == watchB.alaw()) {
      start(); // a renegotiation that keeps the law (a session refresh, a re-INVITE refused elsewhere) keeps relaying
    }
  }

  private void stop() {
    if (relaying) {
      a.packetizer().talkspurt();
      b.packetizer().talkspurt();
    }
    relaying = false;
    if (a != null) {
      a.fax(null);
      b.fax(null);
    }
    a = b = null;
    pipelineA = pipelineB = null;
    watchA = watchB = null;
  }

  /** The pipeline of the {@code i}th leg of a two-leg call when it is a media leg, else null. */
  private static LegPipeline pipeline(MixerLeg[] legs, int i) {
    return legs.length == 2 && legs[i] instanceof LegMedia m ? m.pipeline() : null;
  }

  private static FaxWatch watch(LegPipeline p) {
    return new FaxWatch(p.config().payloadType(), p.config().codec() == CodecType.PCMA);
  }

  /** A started, two-way G.711 pipeline. */
  private static boolean g711(LegPipeline p) {
    if (p == null) {
      return false;
    }
    LegConfig c = p.config();
    return (c.codec() == CodecType.PCMU || c.codec() == CodecType.PCMA) && c.send() && c.receive();
  }
}
