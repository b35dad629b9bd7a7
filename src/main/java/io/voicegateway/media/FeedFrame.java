package io.voicegateway.media;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The byte layout of one audio feed message (docs/event-bus.md): a fixed 48-byte header, then the samples.
 * Every number is little-endian, like the PCM16 samples that follow, so a consumer reads the whole message
 * with one byte order.
 *
 * <pre>
 * offset size field
 *      0    1 version (1)
 *      1    1 header length in bytes (48): samples start here
 *      2    2 sample rate in Hz (media.output_sample_rate)
 *      4   16 call id, a UUID, most significant byte first
 *     20   16 leg id, a UUID, most significant byte first
 *     36    4 sequence: per leg, 0 for the leg's first frame, +1 per frame
 *     40    8 timestamp: capture time, Unix epoch milliseconds
 *     48  2·n samples: mono PCM16, n = rate / 50 (20 ms)
 * </pre>
 */
public final class FeedFrame {
  public static final int VERSION = 1;
  public static final int HEADER = 48;
  static final int RATE_AT = 2;
  static final int CALL_AT = 4;
  static final int LEG_AT = 20;
  static final int SEQUENCE_AT = 36;
  static final int TIMESTAMP_AT = 40;

  private FeedFrame() {}

  /** Writes the fields that stay the same for a leg's whole feed; done once, when the leg joins. */
  static void writeFixed(byte[] frame, int sampleRate, String callId, String legId) {
    frame[0] = VERSION;
    frame[1] = HEADER;
    putShort(frame, RATE_AT, sampleRate);
    putUuid(frame, CALL_AT, uuidOf(callId));
    putUuid(frame, LEG_AT, uuidOf(legId));
  }

  /** Fills in one frame's sequence, timestamp and samples; returns the message length. Allocates nothing. */
  static int write(byte[] frame, int sequence, long timestampMs, short[] samples, int n) {
    stamp(frame, sequence, timestampMs);
    for (int i = 0, at = HEADER; i < n; i++, at += 2) {
      frame[at] = (byte) samples[i];
      frame[at + 1] = (byte) (samples[i] >> 8);
    }
    return HEADER + 2 * n;
  }

  /** Fills in one frame's sequence and timestamp, for a writer that puts its own body after {@link #HEADER}. */
  static void stamp(byte[] frame, int sequence, long timestampMs) {
    putInt(frame, SEQUENCE_AT, sequence);
    putLong(frame, TIMESTAMP_AT, timestampMs);
  }

  /**
   * The gateway's call and leg ids are random UUIDs. Any other id (tests name legs freely) maps to a
   * name-based UUID, so the header stays fixed-size.
   */
  public static UUID uuidOf(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException notAUuid) {
      return UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
    }
  }

  // Readers, for consumers written in Java (the bridge test) and for tests.

  public static int sampleRate(byte[] m) {
    return (m[RATE_AT] & 0xff) | (m[RATE_AT + 1] & 0xff) << 8;
  }

  public static UUID callId(byte[] m) {
    return uuidAt(m, CALL_AT);
  }

  public static UUID legId(byte[] m) {
    return uuidAt(m, LEG_AT);
  }

  public static long sequence(byte[] m) {
    return getLong(m, SEQUENCE_AT, 4);
  }

  public static long timestampMs(byte[] m) {
    return getLong(m, TIMESTAMP_AT, 8);
  }

  /** The samples of a message, as PCM16. */
  public static short[] samples(byte[] m) {
    int header = m[1] & 0xff;
    short[] out = new short[(m.length - header) / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) ((m[header + 2 * i] & 0xff) | m[header + 2 * i + 1] << 8);
    }
    return out;
  }

  private static void putShort(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
  }

  private static void putInt(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >> 8 * i);
    }
  }

  private static void putLong(byte[] b, int at, long v) {
    for (int i = 0; i < 8; i++) {
      b[at + i] = (byte) (v >> 8 * i);
    }
  }

  private static void putUuid(byte[] b, int at, UUID id) {
    for (int i = 0; i < 8; i++) {
      b[at + i] = (byte) (id.getMostSignificantBits() >> 8 * (7 - i));
      b[at + 8 + i] = (byte) (id.getLeastSignificantBits() >> 8 * (7 - i));
    }
  }

  private static long getLong(byte[] b, int at, int size) {
    long v = 0;
    for (int i = size - 1; i >= 0; i--) {
      v = v << 8 | (b[at + i] & 0xff);
    }
    return v;
  }

  private static UUID uuidAt(byte[] b, int at) {
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = msb << 8 | (b[at + i] & 0xff);
      lsb = lsb << 8 | (b[at + 8 + i] & 0xff);
    }
    return new UUID(msb, lsb);
  }
}
