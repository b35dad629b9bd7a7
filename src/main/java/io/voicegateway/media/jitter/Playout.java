package io.voicegateway.media.jitter;

import io.voicegateway.media.codec.AudioDecoder;

/**
 * The consumer side of {@link AudioReceiver}: holds packets by sequence number, plays them out by RTP
 * timestamp into the re-framing FIFO, conceals gaps, plays comfort noise, and grows or shrinks the depth at quiet
 * moments. Mixer thread only; nothing here allocates after construction.
 *
 * <p>Late ticks: a late mixer tick reads every frame that fell due meanwhile back to back, so one frame's view
 * of the level can include audio the next reads of the same tick need. Hence the excess is trimmed only when it
 * lasts longer than a catch-up, and when the buffer ran dry (the packets were held up too) the next packet in
 * sequence is played whole from where playout stands: the concealed time becomes depth instead of every following
 * packet being cut short by it.
 *
 * <p>States: IDLE (nothing to play), BUFFERING (a talkspurt's first packets are here, waiting for the target
 * depth), PLAYING. Playout keeps running on the RTP clock while the buffer is empty, so a packet that resumes
 * after a pause lands at the right depth; after a long stall it re-buffers instead.
 */
final class Playout {
  private enum State { IDLE, BUFFERING, PLAYING }

  /** Frames the level must stay above the bound before the excess is trimmed: more than a mixer catch-up (5). */
  static final int TRIM_AFTER_FRAMES = 6;

  private final AudioDecoder decoder;
  private final JitterSettings settings;
  private final ReceiverStats stats;
  private final int clockRate;
  private final int rate;
  private final int frame;
  private final int lookback;
  private final int ms10;
  private final long maxJumpTs;
  private final int stallLimitTicks;

  private final PacketStore store;
  private final PcmFifo fifo;
  private final WaveformPlc plc;
  private final ComfortNoise noise;
  private final JitterEstimator jitter;
  private final DepthController depth;

  private State state = State.IDLE;
  private boolean haveFloor;
  /** The next sequence number to play; lower ones are late or duplicates. */
  private long playSeq;
  /** Bit i set: sequence number {@code playSeq - 1 - i} was played (tells duplicates from late packets). */
  private long playedMask;
  /** RTP timestamp of the next sample to go into the FIFO. */
  private long playTs;
  private long newestTs;
  private int packetSamples;
  private boolean comfortNoise;
  private boolean decoderConceals = true;
  /** Samples made up since the last real audio (large: nothing to fade from). */
  private int sinceAudio = Integer.MAX_VALUE / 2;
  private int bufferingTicks;
  private int stallTicks;
  private int overflowFrames;
  /** Playout ran out of packets mid-talkspurt and is concealing; the next packet in sequence re-anchors it. */
  private boolean ranDry;
  private double pendingMs;
  private int pendingTicks;
  private boolean skipPending;
  private float loud;
  private boolean lastQuiet = true;

  private int audioN;
  private int concealN;
  private int noiseN;
  private int silenceN;
  private FrameKind lastKind = FrameKind.SILENCE;

  Playout(AudioDecoder decoder, int clockRate, JitterSettings settings, ReceiverStats stats) {
    this.decoder = decoder;
    this.settings = settings;
    this.stats = stats;
    this.clockRate = clockRate;
    this.rate = decoder.sampleRate();
    this.frame = rate / 50;
    this.ms10 = rate / 100;
    this.plc = new WaveformPlc(rate);
    this.lookback = plc.lookback();
    this.maxJumpTs = (long) clockRate * Math.max(1000, 2 * settings.maxMs()) / 1000;
    this.stallLimitTicks = Math.max(200, settings.maxMs()) / 20;
    this.store = new PacketStore(Integer.highestOneBit(Math.max(32, settings.maxMs() / 10 + 16) * 2 - 1));
    // Room for: one frame, the PLC look-back, the largest packet (120 ms) and a grow step.
    this.fifo = new PcmFifo(frame + lookback + rate * 160 / 1000);
    this.noise = new ComfortNoise(rate);
    this.jitter = new JitterEstimator(clockRate);
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
    overflowFrames = 0;
    pendingMs = 0;
    depth.reset();
    jitter.reset(depth.seedJitterMs(packetMs()));
    stats.jitterMs = jitter.jitterMs();
  }

  /** Full reset, e.g. after a codec change: also the decoder. */
  void resetAll() {
    resetStream();
    decoder.reset();
    comfortNoise = false;
  }

  /** A packet from the current stream, with extended sequence number and timestamp. */
  void accept(Packet p) {
    jitter.update(p.arrivalNanos, p.timestamp);
    stats.jitterMs = jitter.jitterMs();
    if (haveFloor && p.seq < playSeq) {
      long age = playSeq - 1 - p.seq;
      if (age < 64 && (playedMask & (1L << age)) != 0) {
        stats.duplicates++;
      } else {
        stats.late++;
      }
      return;
    }
    if (store.contains(p.seq)) {
      stats.duplicates++;
      return;
    }
    if (state == State.PLAYING && p.payloadType != AudioReceiver.PT_COMFORT_NOISE
        && p.timestamp + toTs(packetSamples) <= playTs && !resumesAfterRunningDry(p)) {
      stats.late++; // its time was already concealed while the buffer ran dry
      return;
    }
    if (!store.isEmpty() && store.newestSeq() - p.seq >= store.capacity()) {
      stats.late++;
      return;
    }
    stats.dropped += store.put(p.seq, p);
    stats.received++;
    newestTs = store.size() == 1 ? p.timestamp : Math.max(newestTs, p.timestamp);
  }

  FrameKind readFrame(short[] out) {
    audioN = concealN = noiseN = silenceN = 0;
    if (state == State.IDLE && !store.isEmpty()) {
      state = State.BUFFERING;
      bufferingTicks = 0;
    }
    double target = depth.targetMs(jitter.jitterMs(), packetMs());
    if (state == State.BUFFERING) {
      bufferTick(target);
    }
    if (state == State.PLAYING) {
      playTick(target);
    }
    while (fifo.size() < frame + lookback) {
      produce(frame + lookback - fifo.size());
    }
    fifo.take(out, frame);
    FrameKind kind = kindOfFrame();
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
      store.remove(head.seq);
      stats.late++;
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
    overflowFrames = level > settings.maxMs() + 20 ? overflowFrames + 1 : 0;
    if (overflowFrames > TRIM_AFTER_FRAMES) {
      level -= trimTo(target);
      overflowFrames = 0;
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

  /**
   * Drops the oldest packets until the depth is back near target, and jumps playout to the new head. Returns the
   * milliseconds removed; the depth controller's smoothed depth drops by as much, so it does not go on shrinking
   * a buffer the trim has already emptied.
   */
  private double trimTo(double target) {
    double before = Math.max(0, spanMs(playTs));
    Packet head = store.head();
    while (head != null && spanMs(head.timestamp) > target && store.size() > 1) {
      store.remove(head.seq);
      stats.late++;
      head = store.head();
    }
    skipPending = true;
    double removed = head == null ? 0 : Math.max(0, before - spanMs(head.timestamp));
    if (removed > 0) {
      depth.adjusted(-removed);
    }
    return removed;
  }

  /**
   * Whether {@code p}, not yet played, arrives after playout ran dry and concealed its time: it was held up (a
   * stall, a burst), not lost. Playout then re-anchors on it and plays it whole; the concealment already played
   * becomes extra depth. Not beyond the buffer's bound, so a long outage still ends in a late drop and a re-buffer.
   */
  private boolean resumesAfterRunningDry(Packet p) {
    return ranDry && haveFloor && p.seq >= playSeq && p.payloadType != AudioReceiver.PT_COMFORT_NOISE
        && playTs - p.timestamp <= toTs((long) settings.maxMs() * rate / 1000);
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
    if (state != State.PLAYING) {
      fill(need, false);
      return;
    }
    Packet h = store.head();
    if (h == null) {
      playTs += toTs(fill(need, true));
      ranDry = true;
      return;
    }
    long gap = h.timestamp - playTs;
    if (gap > maxJumpTs || gap < -maxJumpTs) {
      stats.resets++; // timestamp jump (resume after hold): start a new talkspurt on this packet
      state = State.BUFFERING;
      bufferingTicks = 0;
      fill(need, false);
      return;
    }
    if (gap > 0 && skipPending) {
      fill(ms10 / 2, false); // starts a concealment so the jump is cross-faded like a loss
      playTs = h.timestamp;
      skipPending = false;
      return;
    }
    if (gap > 0) {
      if (!recoverWithFec(h, gap)) {
        playTs += toTs(fill((int) Math.min(toSamples(gap), need), true));
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
      store.remove(h.seq);
      stats.late++;
      return;
    }
    play(h, (int) Math.max(0, toSamples(-gap)));
  }

  private void play(Packet h, int skip) {
    if (pendingMs > 0 && (lastQuiet || pendingTicks > 50) && !comfortNoise) {
      int n = roundUp((int) (pendingMs * rate / 1000), ms10);
      fill(n, false); // grow: stretch a quiet moment with concealment, the packet plays right after
      depth.adjusted(n * 1000.0 / rate);
      pendingMs = 0;
      return;
    }
    stats.lost += Math.max(0, h.seq - playSeq);
    long advance = h.seq + 1 - playSeq;
    playedMask = advance >= 64 ? 1 : (playedMask << advance) | 1;
    playSeq = h.seq + 1;
    if (h.payloadType == AudioReceiver.PT_COMFORT_NOISE) {
      if (!comfortNoise) {
        noise.restart();
        comfortNoise = true;
      }
      noise.update(h.payload, h.length);
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
    comfortNoise = false;
    ranDry = false;
    packetSamples = w;
    playTs = h.timestamp + toTs(w);
    if (skip > 0) {
      skip = Math.min(skip, w);
      System.arraycopy(fifo.array(), at + skip, fifo.array(), at, w - skip);
      w -= skip;
    }
    plc.good(fifo.array(), at, w);
    fifo.commit(w);
    audioN += w;
    sinceAudio = 0;
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
    if (!settings.plc() || !decoderConceals || next.seq != playSeq + 1 || next.payloadType == AudioReceiver.PT_COMFORT_NOISE) {
      return false;
    }
    int n = (int) toSamples(gap);
    if (n > fifo.free()) {
      return false;
    }
    int w = decoder.decodeFec(next.payload, 0, next.length, fifo.array(), fifo.size(), n);
    if (w <= 0) {
      return false;
    }
    plc.good(fifo.array(), fifo.size(), w);
    fifo.commit(w);
    concealN += w;
    playTs += toTs(w);
    stats.lost++;
    playSeq++;
    playedMask <<= 1;
    return true;
  }

  /**
   * Makes up {@code n} samples: comfort noise while in a silence period; otherwise the codec's concealment or
   * waveform PLC (silence for a loss when PLC is off, and once a concealment has faded). Returns samples written.
   */
  private int fill(int n, boolean loss) {
    short[] a = fifo.array();
    int at = fifo.size();
    if (comfortNoise) {
      noise.fill(a, at, n);
      noiseN += n;
      plc.good(a, at, n);
    } else if (loss && !settings.plc()) {
      java.util.Arrays.fill(a, at, at + n, (short) 0);
      silenceN += n;
      plc.good(a, at, n);
    } else if (plc.concealing() || (!decoderConceals && sinceAudio < 6 * ms10)) {
      int audible = Math.max(0, Math.min(n, 6 * ms10 - plc.concealedSamples()));
      plc.conceal(a, at, n); // continues (and fades) an ongoing waveform concealment
      concealN += audible;
      silenceN += n - audible;
    } else if (sinceAudio >= 6 * ms10) {
      java.util.Arrays.fill(a, at, at + n, (short) 0);
      silenceN += n;
      plc.good(a, at, n);
    } else {
      int w = decoder.conceal(a, at, Math.min(roundUp(n, ms10), fifo.free()));
      if (w < 0) {
        decoderConceals = false; // no codec PLC (G.711, G.722): waveform PLC from now on
        plc.conceal(a, at, n);
      } else {
        n = w;
        plc.good(a, at, n); // keeps the waveform history in step with what is played
      }
      concealN += n;
    }
    fifo.commit(n);
    sinceAudio = Math.min(sinceAudio + n, 1 << 30);
    return n;
  }

  private FrameKind kindOfFrame() {
    int max = Math.max(Math.max(audioN, concealN), Math.max(noiseN, silenceN));
    if (max == 0) {
      return lastKind;
    }
    lastKind = max == audioN ? FrameKind.AUDIO
        : max == concealN ? FrameKind.CONCEALED
        : max == noiseN ? FrameKind.COMFORT_NOISE : FrameKind.SILENCE;
    return lastKind;
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

  private static int roundUp(int n, int step) {
    return (n + step - 1) / step * step;
  }
}
