package io.voicegateway.media.fax;

/**
 * One G.711 leg's fax watch, fed on the leg's RTP thread with each audio payload as it arrives: it decodes the
 * payload for the {@link FaxToneDetector} until a tone is found, and, once the call relays payloads, keeps them in
 * the {@link RelayRing} for the mixer thread instead of the jitter buffer. Built per negotiated pipeline (payload
 * type and law fixed), so the RTP thread reads nothing that changes under it.
 */
public final class FaxWatch {
  private final int payloadType;
  private final boolean alaw;
  private final FaxToneDetector detector = new FaxToneDetector(8000);
  private final RelayRing ring = new RelayRing();
  private volatile FaxTone tone;
  private volatile boolean relaying;

  /** @param alaw PCMA (A-law) rather than PCMU (μ-law) */
  public FaxWatch(int payloadType, boolean alaw) {
    this.payloadType = payloadType;
    this.alaw = alaw;
  }

  /** RTP thread: one valid packet of the leg's negotiated audio or comfort-noise payload type. */
  public void onPacket(int pt, long ssrc, int seq, long timestamp, byte[] buf, int off, int len) {
    if (pt != payloadType) {
      return; // comfort noise (RFC 3389) is neither a tone nor relayed: pass-through sends no CN
    }
    if (tone == null) {
      FaxTone heard = detector.processG711(buf, off, len, alaw);
      if (heard != null) {
        tone = heard;
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

  /** Whether the leg's payloads go to the relay ring (and not to its jitter buffer). */
  public boolean relaying() {
    return relaying;
  }

  /** Mixer thread: starts or stops relaying; the ring then relays what arrives from now on. */
  public void relaying(boolean on) {
    if (on && !relaying) {
      ring.startAfterNewest();
    }
    relaying = on;
  }

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
