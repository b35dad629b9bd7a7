package io.voicegateway.media.dtmf;

/**
 * Turns telephone-event RTP payloads (RFC 4733) of one stream into one {@link DtmfListener} call per
 * key press.
 *
 * <p>All packets of one event share its RTP timestamp; the duration field grows and the last
 * packet, which carries the end bit, is usually sent three times. The press is reported once, on the
 * first end packet; later copies and reordered older packets are dropped. When every end packet is
 * lost the press is still reported, with the longest duration seen, as soon as one of these happens:
 * a packet with a newer event timestamp arrives, {@link #onMediaTimestamp} shows the stream has moved
 * {@link #END_TIMEOUT_MS} past the event's last known end, or {@link #flush()} is called. All time is
 * RTP time: no wall clock is read.
 *
 * <p>Events that are not digits (flash, line tones) are tracked so their copies are de-duplicated,
 * then counted in {@link #ignored()}. Payloads shorter than 4 bytes are counted in {@link
 * #malformed()} and dropped. Not thread-safe: one receiver per leg, fed from one thread.
 */
public final class Rfc4733Receiver {

  /** How far past an event's last known end the stream may move before the event counts as ended. */
  public static final int END_TIMEOUT_MS = 200;

  private static final int PAYLOAD_BYTES = 4;

  private final int clockRate;
  private final DtmfListener listener;
  private final int endTimeoutUnits;

  private boolean started;    // an event timestamp has been seen
  private boolean open;       // the current event has not been reported yet
  private int eventTimestamp; // RTP timestamps are compared modulo 2^32
  private int eventCode;
  private int duration;       // in clock units, for this segment
  private long carriedUnits;  // duration of earlier segments of a long event (RFC 4733 2.5.1.3)

  private long malformed;
  private long ignored;
  private long duplicates;

  /**
   * @param clockRate the telephone-event clock rate from the SDP rtpmap (8000 for narrowband, 48000
   *                  next to Opus)
   * @param listener  called once per key press
   */
  public Rfc4733Receiver(int clockRate, DtmfListener listener) {
    if (clockRate <= 0) {
      throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
    }
    this.clockRate = clockRate;
    this.listener = listener;
    this.endTimeoutUnits = (int) ((long) clockRate * END_TIMEOUT_MS / 1000);
  }

  /**
   * Handles one telephone-event packet.
   *
   * @param seq       the RTP sequence number (informational: copies are recognised by timestamp)
   * @param timestamp the RTP timestamp, unsigned 32 bit
   * @param marker    the RTP marker bit, set on the first packet of an event
   * @param buf       holds the RTP payload at {@code off}, {@code len} bytes long
   */
  public void onPacket(int seq, long timestamp, boolean marker, byte[] buf, int off, int len) {
    if (buf == null || len < PAYLOAD_BYTES || off < 0 || off + len > buf.length) {
      malformed++;
      return;
    }
    int code = buf[off] & 0xff;
    boolean end = (buf[off + 1] & 0x80) != 0;
    int packetDuration = ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
    int ts = (int) timestamp;

    if (started && ts == eventTimestamp) {
      if (!open) {
        duplicates++; // a retransmitted end packet or a late update of a reported event
        return;
      }
      duration = Math.max(duration, packetDuration);
    } else if (started && ts - eventTimestamp < 0) {
      duplicates++; // reordered packet of an older event
      return;
    } else {
      boolean continuesSegment = started && open && !marker && code == eventCode
          && ts - eventTimestamp == duration;
      if (continuesSegment) {
        carriedUnits += duration; // a long event continues in a new segment: same key press
      } else {
        closeOpenEvent();
        carriedUnits = 0;
      }
      started = true;
      open = true;
      eventTimestamp = ts;
      eventCode = code;
      duration = packetDuration;
    }
    if (end) {
      report();
    }
  }

  /**
   * Tells the receiver the RTP timestamp of another packet of the same stream (audio, comfort noise).
   * An open event whose end packets were all lost is reported once the stream is {@link
   * #END_TIMEOUT_MS} past the event's last known end.
   */
  public void onMediaTimestamp(long timestamp) {
    if (open && (int) timestamp - (eventTimestamp + duration) > endTimeoutUnits) {
      report();
    }
  }

  /** Reports an event still open (its end packets never came); call when the stream stops. */
  public void flush() {
    closeOpenEvent();
  }

  /** @return payloads dropped because they were too short */
  public long malformed() {
    return malformed;
  }

  /** @return completed events that are not DTMF digits (flash, line tones) */
  public long ignored() {
    return ignored;
  }

  /** @return packets dropped as copies of an event already reported, or as older than it */
  public long duplicates() {
    return duplicates;
  }

  private void closeOpenEvent() {
    if (open) {
      report();
    }
  }

  private void report() {
    open = false;
    char digit = DtmfDigits.fromEvent(eventCode);
    if (digit == 0) {
      ignored++;
      return;
    }
    long units = carriedUnits + duration;
    listener.onDigit(digit, (int) (units * 1000 / clockRate), DtmfSource.RFC4733);
  }

  @Override
  public String toString() {
    return "Rfc4733Receiver(" + clockRate + " Hz)";
  }
}
