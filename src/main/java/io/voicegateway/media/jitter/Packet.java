package io.voicegateway.media.jitter;

/**
 * A reusable slot holding one RTP packet's header facts and a copy of its payload. Slots are made only at a
 * leg's new high-water mark of packets held at once, then reused; the payload array grows only for a payload larger than any seen before (never in steady state).
 * It starts empty and grows to the stream's real payload size (issue 13): a 20 ms G.711 stream's slots hold
 * 160 bytes each, where a fixed 512-byte start cost a leg 48 KB across its ~100 slots.
 */
final class Packet {
  /** Larger payloads are bad input: 60 ms of G.711 is 480 bytes, an Opus packet at most 1275. */
  static final int MAX_PAYLOAD = 1500;
  private static final byte[] EMPTY = new byte[0];
  /** Payload arrays grow in steps of this, so a VBR stream (Opus) settles after a few sizes, not one per byte. */
  private static final int GROWTH_STEP = 32;

  long seq;
  long timestamp;
  long ssrc;
  int payloadType;
  long arrivalNanos;
  int generation;
  byte[] payload = EMPTY;
  int length;

  /** Copies the packet in; false (nothing copied) when the payload is empty or too large. */
  boolean set(long seq, long timestamp, long ssrc, int payloadType, byte[] buf, int off, int len,
      long arrivalNanos, int generation) {
    if (len < 0 || len > MAX_PAYLOAD || buf == null || off < 0 || off + len > buf.length) {
      return false;
    }
    if (len > payload.length) {
      payload = new byte[(len + GROWTH_STEP - 1) / GROWTH_STEP * GROWTH_STEP];
    }
    System.arraycopy(buf, off, payload, 0, len);
    this.seq = seq;
    this.timestamp = timestamp;
    this.ssrc = ssrc;
    this.payloadType = payloadType;
    this.arrivalNanos = arrivalNanos;
    this.generation = generation;
    this.length = len;
    return true;
  }

  void copyFrom(Packet p) {
    set(p.seq, p.timestamp, p.ssrc, p.payloadType, p.payload, 0, p.length, p.arrivalNanos, p.generation);
  }
}
