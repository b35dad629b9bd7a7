package io.voicegateway.media.fax;

/**
 * One G.711 leg's fax watch, fed on the leg's RTP thread with each audio payload as it arrives: it decodes the
 * payload for the {@link FaxToneDetector} until a tone is found, and, once the call relays payloads, keeps them in
 * the {@link RelayRing} for the mixer thread instead of the jitter buffer. Built per negotiated pipeline (payload
 * type and law fixed), so the RTP thread reads nothing that changes under it.
 *
 * <p>The watch stops (the detector no longer runs; a packet then costs one volatile read) once the leg has carried
 * {@code speechMillis} of speech, or when the call's switch stops it because the other leg has: a fax call shows
 * its tone within seconds of the answer (the caller's CNG from the start, the answerer's CED 0.2–3 s after
 * answering, T.30), long before a conversation has run that long, while silence (a call waiting for a fax machine
 * to be started by hand) does not count. A new negotiation (re-INVITE) builds a new watch.
 */
public final class FaxWatch {
  /** The speech after which a call is taken to be a conversation and no longer watched (10 s). */
  public static final int SPEECH_MILLIS = 10_000;

  private final int payloadType;
  private final boolean alaw;
  private final int speechBlocks;
  private final FaxToneDetector detector = new FaxToneDetector(8000);
  // made when relaying first starts (mixer thread), published by the volatile write of `relaying`: 32 KB per call
  // pair that a call which never carries fax (nearly all) does not hold
  private RelayRing ring;
  private volatile FaxTone tone;
  private volatile boolean relaying;
  private volatile boolean watching = true;

  /** @param alaw PCMA (A-law) rather than PCMU (μ-law); watches until {@link #SPEECH_MILLIS} of speech */
  public FaxWatch(int payloadType, boolean alaw) {
    this(payloadType, alaw, SPEECH_MILLIS);
  }

  /** @param speechMillis the speech on this leg after which it stops watching (rounded up to 10 ms blocks) */
  public FaxWatch(int payloadType, boolean alaw, int speechMillis) {
    if (speechMillis <= 0) {
      throw new IllegalArgumentException("speechMillis must be positive, got " + speechMillis);
    }
    this.payloadType = payloadType;
    this.alaw = alaw;
    this.speechBlocks = (int) Math.min(Integer.MAX_VALUE,
        ((long) speechMillis + FaxToneDetector.BLOCK_MS - 1) / FaxToneDetector.BLOCK_MS);
  }

  /** RTP thread: one valid packet of the leg's negotiated audio or comfort-noise payload type. */
  public void onPacket(int pt, long ssrc, int seq, long timestamp, byte[] buf, int off, int len) {
    if (pt != payloadType) {
      return; // comfort noise (RFC 3389) is neither a tone nor relayed: pass-through sends no CN
    }
    if (tone == null && watching) {
      FaxTone heard = detector.processG711(buf, off, len, alaw);
      if (heard != null) {
        tone = heard;
      } else if (detector.speechBlocks() >= speechBlocks) {
        watching = false;
      }
    }
    if (relaying) {
      ring.offer(ssrc, seq, timestamp, buf, off, len);
    }
  }

  /** The tone heard on this leg, or null. */
  public FaxTone tone() {
    return tone;
  }

  /** False once this watch has stopped: it carried enough speech, or {@link #stopWatching()}. */
  public boolean watching() {
    return watching;
  }

  /** Mixer thread: the call is a conversation (the other leg carried enough speech); stop running the detector. */
  public void stopWatching() {
    watching = false;
  }

  /** Whether the leg's payloads go to the relay ring (and not to its jitter buffer). */
  public boolean relaying() {
    return relaying;
  }

  /** Mixer thread: starts or stops relaying; the ring then relays what arrives from now on. */
  public void relaying(boolean on) {
    if (on && !relaying) {
      if (ring == null) {
        ring = new RelayRing();
      }
      ring.startAfterNewest();
    }
    relaying = on;
  }

  /** Mixer thread, while {@link #relaying()}: the ring the leg's payloads go to (null before relaying first starts). */
  public RelayRing ring() {
    return ring;
  }

  public int payloadType() {
    return payloadType;
  }

  public boolean alaw() {
    return alaw;
  }
}
