package io.voicegateway.media.dtmf;

/**
 * Generates telephone-event payloads (RFC 4733) for queued digits, one payload per 20 ms tick.
 *
 * <p>Each digit is a {@link #TONE_MS} event: every packet carries the event's start timestamp and a
 * duration growing by one tick; the first has the marker bit; the last has the end bit and is sent
 * on three consecutive ticks, as RFC 4733 2.5.1.4 asks, so one lost copy does not lose the end.
 * {@link #GAP_MS} without events (counted from the tone's end, so the two end copies overlap it) then
 * separates it from the next digit. Volume is {@link #VOLUME} (-10 dBm0).
 *
 * <p>Use per tick: while {@link #active()}, call {@link #next}; when it returns 4, send the payload as
 * a telephone-event packet (its own sequence number, RTP timestamp {@link #timestamp()}, marker
 * {@link #marker()}); when it returns 0, send audio as usual. Not thread-safe; allocation-free once
 * the digits are queued.
 */
public final class Rfc4733Sender {

  /** How long each digit's event lasts. */
  public static final int TONE_MS = 100;
  /** Silence between the end of one digit's event and the start of the next. */
  public static final int GAP_MS = 60;
  /** The tick, and so the packet interval. */
  public static final int TICK_MS = 20;
  /** The volume field: the tone's power as -dBm0. */
  public static final int VOLUME = 10;
  /** How many times the end packet is sent. */
  public static final int END_COPIES = 3;

  private static final int MAX_QUEUE = 256;
  private static final int TONE_TICKS = TONE_MS / TICK_MS;
  private static final int GAP_TICKS = GAP_MS / TICK_MS;

  private final int clockRate;
  private final int unitsPerTick;
  private final byte[] queue = new byte[MAX_QUEUE]; // event codes, ring buffer
  private int head;
  private int size;

  private int code = -1; // the digit being sent, or -1 between digits
  private int tick;      // ticks since the current digit started
  private long eventTimestamp;
  private boolean marker;

  /** @param clockRate the telephone-event clock rate from the SDP rtpmap (8000, or 48000 next to Opus) */
  public Rfc4733Sender(int clockRate) {
    if (clockRate <= 0 || clockRate % 50 != 0) {
      throw new IllegalArgumentException("clock rate must be a positive multiple of 50: " + clockRate);
    }
    this.clockRate = clockRate;
    this.unitsPerTick = clockRate / (1000 / TICK_MS);
  }

  /**
   * Appends digits to send after those already queued.
   *
   * @param digits characters {@code 0-9 * # A-D} (a-d accepted)
   * @throws IllegalArgumentException when a character is not a digit or the queue would overflow;
   *                                  nothing is queued then
   */
  public void queue(String digits) {
    if (!DtmfDigits.isValid(digits)) {
      throw new IllegalArgumentException("not DTMF digits: " + digits);
    }
    if (size + digits.length() > MAX_QUEUE) {
      throw new IllegalArgumentException("DTMF queue full: " + size + " queued, " + digits.length() + " more");
    }
    for (int i = 0; i < digits.length(); i++) {
      queue[(head + size++) % MAX_QUEUE] = (byte) DtmfDigits.toEvent(digits.charAt(i));
    }
  }

  /** @return whether digits remain to be sent, including the current digit's end copies and gap */
  public boolean active() {
    return code >= 0 || size > 0;
  }

  /**
   * Advances one 20 ms tick.
   *
   * @param now the RTP timestamp this tick's packet would carry; becomes the event timestamp when a
   *            digit starts
   * @param out receives the 4-byte payload at {@code off}
   * @return 4 when a payload was written, 0 when this tick carries no event (gap or idle)
   */
  public int next(long now, byte[] out, int off) {
    if (code < 0) {
      if (size == 0) {
        return 0;
      }
      code = queue[head];
      head = (head + 1) % MAX_QUEUE;
      size--;
      tick = 0;
      eventTimestamp = now & 0xffffffffL;
    }
    int t = tick++;
    if (t >= TONE_TICKS + GAP_TICKS) {
      code = -1; // gap over: the next digit may start on this very tick
      return next(now, out, off);
    }
    if (t >= TONE_TICKS - 1 + END_COPIES) {
      return 0; // rest of the gap
    }
    boolean end = t >= TONE_TICKS - 1;
    int units = Math.min(t + 1, TONE_TICKS) * unitsPerTick;
    marker = t == 0;
    out[off] = (byte) code;
    out[off + 1] = (byte) ((end ? 0x80 : 0) | VOLUME);
    out[off + 2] = (byte) (units >>> 8);
    out[off + 3] = (byte) units;
    return 4;
  }

  /** @return the marker bit for the payload {@link #next} just wrote */
  public boolean marker() {
    return marker;
  }

  /** @return the RTP timestamp for the payload {@link #next} just wrote: the current event's start */
  public long timestamp() {
    return eventTimestamp;
  }

  @Override
  public String toString() {
    return "Rfc4733Sender(" + clockRate + " Hz, " + size + " queued)";
  }
}
