package io.voicegateway.media.jitter;

import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.media.rtp.InterarrivalJitter;

/**
 * The consumer side of {@link AudioReceiver}: holds packets by sequence number, plays them out by RTP
 * timestamp into the re-framing FIFO, conceals gaps, plays comfort noise, and grows or shrinks the depth at quiet
 * moments. Mixer thread only; nothing here allocates after construction.
 *
 * <p>States: IDLE (nothing to play), BUFFERING (a talkspurt's first packets are here, waiting for the target
 * depth), PLAYING. Playout keeps running on the RTP clock while the buffer is empty, so a packet that resumes
 * after a pause lands at the right depth; after a long stall it re-buffers instead.
 */
final class Playout {
  private enum State { IDLE, BUFFERING, PLAYING }

  private static final int OVERFULL_TICKS = 10;

  private final AudioDecoder decoder;
  private final JitterSettings settings;
  private final ReceiverStats stats;
  private final int clockRate;
  private final int rate;
  private final int frame;
  private final int lookback;
  private final int ms10;
  /** Samples per whole RTP timestamp step (2 for G.722: 16 kHz audio on an 8 kHz clock); fills are multiples. */
  private final int grain;
  private final long maxJumpTs;
  private final int stallLimitTicks;

  private final PacketStore store;
  private final PcmFifo fifo;
  private final GapFiller filler;
  private final InterarrivalJitter jitter;
  private final DepthController depth;

  private State state = State.IDLE;
  private boolean haveFloor;
  /** The next sequence number to play; lower ones are late or duplicates. */
  private long playSeq;
  /**
   * Bit i set: sequence number {@code playSeq - 1 - i} arrived (played or discarded), so a copy is a duplicate;
   * clear: playout skipped it as lost, so if it turns up it is late.
   */
  private long playedMask;
  /** RTP timestamp of the next sample to go into the FIFO. */
  private long playTs;
  private long newestTs;
  private int packetSamples;
  private int bufferingTicks;
  private int stallTicks;
  private int overfullTicks;
  /** Playout ran out of packets mid-talkspurt and is concealing; a held-up packet re-anchors it. */
  private boolean ranDry;
  private double pendingMs;
  private int pendingTicks;
  private boolean skipPending;
  private float loud;
  private boolean lastQuiet = true;

  Playout(AudioDecoder decoder, int clockRate, JitterSettings settings, ReceiverStats stats) {
    this.decoder = decoder;
    this.settings = settings;
    this.stats = stats;
    this.clockRate = clockRate;
    this.rate = decoder.sampleRate();
    this.frame = rate / 50;
    this.ms10 = rate / 100;
    this.grain = rate / gcd(rate, clockRate);
    WaveformPlc plc = new WaveformPlc(rate);
    this.lookback = plc.lookback();
    this.maxJumpTs = (long) clockRate * Math.max(1000, 2 * settings.maxMs()) / 1000;
    this.stallLimitTicks = Math.max(200, settings.maxMs()) / 20;
    this.store = new PacketStore(Integer.highestOneBit(Math.max(32, settings.maxMs() / 10 + 16) * 2 - 1));
    // Room for: one frame, the PLC look-back, the largest packet (120 ms) and a grow step.
    this.fifo = new PcmFifo(frame + lookback + rate * 160 / 1000);
    this.filler = new GapFiller(decoder, settings.plc(), fifo, plc);
    this.jitter = new InterarrivalJitter(clockRate);
    this.depth = new DepthController(settings);
    this.packetSamples = frame;
    resetStream();
    fifo.appendSilence(lookback);
  }

  /** Forgets the stream; what is already in the FIFO fades out through concealment. */
  void resetStream() {
    store.clear();
    state = State.IDLE;
    haveFloor = false;
    playedMask = 0;
    skipPending = false;
    ranDry = false;
    pendingMs = 0;
    depth.reset();
    jitter.reset(depth.seedJitterMs(packetMs()));
    stats.jitterMs = jitter.ms();
  }

  /** Full reset, e.g. after a codec change: also the decoder. */
  void resetAll() {
    resetStream();
    decoder.reset();
    filler.reset();
  }

  /** A packet from the current stream, with extended sequence number and timestamp. */
  void accept(Packet p) {
    boolean behind = haveFloor && p.seq < playSeq;
    long age = playSeq - 1 - p.seq;
    if (behind ? age < 64 && (playedMask & (1L << age)) != 0 : store.contains(p.seq)) {
      stats.duplicates++; // a copy says nothing about the network's delay: not fed to the estimator
      return;
    }
    stats.received++;
    jitter.update(p.arrivalNanos, p.timestamp);
    stats.jitterMs = jitter.ms();
    if (behind || (!store.isEmpty() && store.newestSeq() - p.seq >= store.capacity())) {
      stats.late++;
      if (behind && age < 64) {
        stats.lost--; // counted lost when playout skipped it; it did arrive (RFC 3550: late is not lost)
        playedMask |= 1L << age; // a further copy is a duplicate
      }
      return;
    }
    // A packet whose time was concealed while the buffer ran dry is kept for now: playout discards it as late
    // when it reaches it, which also accounts for its sequence number.
    stats.dropped += store.put(p.seq, p);
    newestTs = store.size() == 1 ? p.timestamp : Math.max(newestTs, p.timestamp);
  }

  FrameKind readFrame(short[] out) {
    filler.beginFrame();
    if (state == State.IDLE && !store.isEmpty()) {
      state = State.BUFFERING;
      bufferingTicks = 0;
      jitter.restart(); // a pause's length says nothing about the network
    }
    double target = depth.targetMs(jitter.ms(), packetMs());
    if (state == State.BUFFERING) {
      bufferTick(target);
    }
    if (state == State.PLAYING) {
      playTick(target);
    } else {
      stats.depthMs = 0;
    }
    while (fifo.size() < frame + lookback) {
      produce(frame + lookback - fifo.size());
    }
    fifo.take(out, frame);
    FrameKind kind = filler.frameKind(out, frame);
    if (kind == FrameKind.CONCEALED) {
      stats.concealedFrames++;
    }
    stats.targetDepthMs = target;
    return kind;
  }

  private void bufferTick(double target) {
    Packet head = store.head();
    // Never hold more than maxMs: a flood after a stall (or a late-starting consumer) would only add delay.
    while (head != null && spanMs(head.timestamp) > settings.maxMs()) {
      discard(head);
      head = store.head();
    }
    if (head == null) {
      state = State.IDLE;
      return;
    }
    if (spanMs(head.timestamp) >= target || ++bufferingTicks * 20 >= target) {
      if (!haveFloor) {
        playSeq = head.seq;
        haveFloor = true;
      }
      playTs = head.timestamp;
      state = State.PLAYING;
      stallTicks = 0;
      depth.reset();
    }
  }

  private void playTick(double target) {
    double level = levelMs();
    // Over maxMs for a while means the sender's clock runs fast (or a burst): drop back to the target. A mixer
    // catching up after a stall also sees a full buffer, but only for the few back-to-back ticks that drain it.
    overfullTicks = level > settings.maxMs() + 20 ? overfullTicks + 1 : 0;
    if (overfullTicks > OVERFULL_TICKS) {
      trimTo(target);
      overfullTicks = 0;
      level = levelMs();
    }
    stats.depthMs = depth.observe(level);
    stallTicks = store.isEmpty() ? stallTicks + 1 : 0;
    if (stallTicks > stallLimitTicks) {
      state = State.IDLE; // the sender paused or the network stalled: re-buffer on the next talkspurt
      return;
    }
    double decision = depth.decide(target);
    if (decision != 0) {
      pendingMs = decision;
      pendingTicks = 0;
    } else if (pendingMs != 0 && ++pendingTicks > 100) {
      pendingMs = 0; // the need went away before a quiet moment came
    }
  }

  /** Drops the oldest packets until the depth is back near target, and jumps playout to the new head. */
  private void trimTo(double target) {
    double before = levelMs();
    Packet head = store.head();
    while (head != null && spanMs(head.timestamp) > target && store.size() > 1) {
      discard(head);
      head = store.head();
    }
    skipPending = true;
    depth.adjusted(levelMs() - before);
  }

  /** Drops a packet that arrived but can no longer play (too late, or the buffer is over-full). */
  private void discard(Packet p) {
    store.remove(p.seq);
    stats.late++;
    if (haveFloor) {
      pass(p.seq);
    }
  }

  /** Playout moves past {@code seq}, which arrived: the numbers skipped before it never did (lost). */
  private void pass(long seq) {
    if (seq < playSeq) {
      return;
    }
    stats.lost += seq - playSeq;
    long advance = seq + 1 - playSeq;
    playedMask = advance >= 64 ? 1 : (playedMask << advance) | 1;
    playSeq = seq + 1;
  }

  /** Buffered audio ahead of the output: FIFO (less the PLC look-back) plus the packets not yet decoded. */
  private double levelMs() {
    double fifoMs = (fifo.size() - lookback) * 1000.0 / rate;
    return fifoMs + (store.isEmpty() ? 0 : Math.max(0, spanMs(playTs)));
  }

  /** Milliseconds of audio from {@code fromTs} to the end of the newest packet. */
  private double spanMs(long fromTs) {
    return (newestTs + toTs(packetSamples) - fromTs) * 1000.0 / clockRate;
  }

  private void produce(int need) {
    need = roundUp(need, grain);
    if (state != State.PLAYING) {
      filler.fill(need, false);
      return;
    }
    Packet h = store.head();
    if (h == null) {
      playTs += toTs(filler.fill(need, true));
      ranDry = true;
      return;
    }
    long gap = h.timestamp - playTs;
    if (gap > maxJumpTs || gap < -maxJumpTs) {
      stats.resets++; // timestamp jump (resume after hold): start a new talkspurt on this packet
      state = State.BUFFERING;
      bufferingTicks = 0;
      filler.fill(need, false);
      return;
    }
    if (skipPending) {
      skipPending = false;
      if (gap > 0) {
        filler.fill(ms10 / 2, false); // starts a concealment so the jump is cross-faded like a loss
        playTs = h.timestamp;
        return;
      }
    }
    if (gap > 0) {
      if (!recoverWithFec(h, gap)) {
        // At least one whole timestamp step, so playout always moves on.
        playTs += toTs(filler.fill(Math.max(grain, roundUp((int) Math.min(toSamples(gap), need), grain)), true));
      }
      return;
    }
    if (gap < 0 && resumesAfterRunningDry(h)) {
      depth.adjusted(-gap * 1000.0 / clockRate);
      playTs = h.timestamp; // re-anchor on the held-up packet instead of cutting it
      ranDry = false;
      return;
    }
    if (gap < 0 && h.payloadType != AudioReceiver.PT_COMFORT_NOISE && h.timestamp + toTs(packetSamples) <= playTs) {
      discard(h);
      return;
    }
    play(h, (int) Math.max(0, toSamples(-gap)));
  }

  /**
   * A packet that was only held up (a stall of the network or of this JVM), arriving after playout ran dry and
   * concealed its time: rather than cut or drop it, playout restarts from it and the concealment already played
   * becomes extra depth, which the adaptive depth controller then shrinks. Only while the buffered audio from
   * that packet on stays within the buffer's bound, so a long outage still ends in a late drop and a re-buffer;
   * a fixed-depth buffer keeps its depth and drops instead.
   */
  private boolean resumesAfterRunningDry(Packet p) {
    return ranDry && settings.adaptive() && haveFloor && p.seq >= playSeq
        && p.payloadType != AudioReceiver.PT_COMFORT_NOISE && spanMs(p.timestamp) <= settings.maxMs();
  }

  private void play(Packet h, int skip) {
    ranDry = false;
    if (pendingMs > 0 && (lastQuiet || pendingTicks > 50) && !filler.inComfortNoise()) {
      int n = roundUp((int) (pendingMs * rate / 1000), ms10);
      filler.fill(n, false); // grow: stretch a quiet moment with concealment, the packet plays right after
      depth.adjusted(n * 1000.0 / rate);
      pendingMs = 0;
      return;
    }
    pass(h.seq);
    if (h.payloadType == AudioReceiver.PT_COMFORT_NOISE) {
      filler.comfortNoise(h.payload, h.length);
      store.remove(h.seq);
      return;
    }
    int at = fifo.size();
    int w = decoder.decode(h.payload, 0, h.length, fifo.array(), at);
    store.remove(h.seq);
    if (w <= 0 || w > fifo.free()) {
      stats.dropped++; // undecodable: its time will be concealed as a gap
      return;
    }
    packetSamples = w;
    playTs = h.timestamp + toTs(w);
    if (skip > 0) {
      skip = Math.min(skip, w);
      System.arraycopy(fifo.array(), at + skip, fifo.array(), at, w - skip);
      w -= skip;
    }
    filler.audio(at, w);
    lastQuiet = quiet(fifo.array(), at, w);
    if (pendingMs < 0 && (lastQuiet || pendingTicks > 50)) {
      shrink(at, w);
    }
  }

  /** Drops up to 10 ms from the packet just decoded, cross-faded, keeping the PLC look-back intact. */
  private void shrink(int at, int w) {
    int fade = rate / 400;
    int n = Math.min(Math.min((int) (-pendingMs * rate / 1000), ms10), w - fade - lookback);
    if (n >= fade) {
      fifo.cutSmoothly(at, n, fade);
      depth.adjusted(-n * 1000.0 / rate);
      pendingMs = 0;
    }
  }

  /** Opus in-band FEC: the next packet carries the lost one. */
  private boolean recoverWithFec(Packet next, long gap) {
    if (next.seq != playSeq + 1 || next.payloadType == AudioReceiver.PT_COMFORT_NOISE) {
      return false;
    }
    int w = filler.recoverFromFec(next, (int) toSamples(gap));
    if (w == 0) {
      return false;
    }
    playTs += toTs(w);
    stats.lost++;
    playSeq++;
    playedMask <<= 1;
    return true;
  }

  private boolean quiet(short[] a, int off, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.abs(a[off + i]);
    }
    float mean = (float) sum / Math.max(1, n);
    loud = Math.max(mean, loud * 0.98f);
    return mean < loud / 8 || mean < 150;
  }

  private double packetMs() {
    return packetSamples * 1000.0 / rate;
  }

  private long toTs(long samples) {
    return samples * clockRate / rate;
  }

  private long toSamples(long ts) {
    return ts * rate / clockRate;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static int roundUp(int n, int step) {
    return (n + step - 1) / step * step;
  }
}
