package io.voicegateway.media.rtp;

/**
 * A reusable view of one RTP packet (RFC 3550 §5.1) over a caller-owned byte array. {@link #parse}
 * validates a received datagram in place; {@link #writeHeader} serialises a 12-byte header for sending.
 * No copy and no allocation: one instance per socket or per leg, one thread at a time.
 */
public final class RtpPacket {
  public static final int HEADER_LENGTH = 12;

  private byte[] buf;
  private int payloadOffset;
  private int payloadLength;
  private boolean padding;
  private boolean extension;
  private int csrcCount;
  private boolean marker;
  private int payloadType;
  private int sequenceNumber;
  private long timestamp;
  private long ssrc;

  /**
   * Parses {@code len} bytes at {@code off}. Returns false, leaving the view unusable, for anything that is
   * not valid RTP version 2: too short, wrong version, CSRC list or extension past the end, bad padding
   * count, or an RTCP packet type (200–204, RFC 5761 §4) in the PT field.
   */
  public boolean parse(byte[] data, int off, int len) {
    if (len < HEADER_LENGTH) {
      return false;
    }
    int b0 = data[off] & 0xff;
    int b1 = data[off + 1] & 0xff;
    if ((b0 >> 6) != 2) {
      return false;
    }
    int pt = b1 & 0x7f;
    if (pt >= 72 && pt <= 76) { // RTCP SR..APP with the marker bit folded in: not media
      return false;
    }
    int cc = b0 & 0x0f;
    int pos = off + HEADER_LENGTH + 4 * cc;
    int end = off + len;
    if (pos > end) {
      return false;
    }
    boolean x = (b0 & 0x10) != 0;
    if (x) {
      if (pos + 4 > end) {
        return false;
      }
      int words = ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
      pos += 4 + 4 * words;
      if (pos > end) {
        return false;
      }
    }
    boolean p = (b0 & 0x20) != 0;
    if (p) {
      int pad = data[end - 1] & 0xff;
      if (pad == 0 || end - pad < pos) {
        return false;
      }
      end -= pad;
    }
    this.buf = data;
    this.padding = p;
    this.extension = x;
    this.csrcCount = cc;
    this.marker = (b1 & 0x80) != 0;
    this.payloadType = pt;
    this.sequenceNumber = ((data[off + 2] & 0xff) << 8) | (data[off + 3] & 0xff);
    this.timestamp = readUint32(data, off + 4);
    this.ssrc = readUint32(data, off + 8);
    this.payloadOffset = pos;
    this.payloadLength = end - pos;
    return true;
  }

  /**
   * Writes a 12-byte header (no padding, extension or CSRC) at {@code off} and returns its length; the
   * payload goes right after it.
   */
  public static int writeHeader(byte[] out, int off, boolean marker, int payloadType, int seq, long timestamp,
      long ssrc) {
    out[off] = (byte) 0x80;
    out[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7f));
    out[off + 2] = (byte) (seq >> 8);
    out[off + 3] = (byte) seq;
    writeUint32(out, off + 4, timestamp);
    writeUint32(out, off + 8, ssrc);
    return HEADER_LENGTH;
  }

  static long readUint32(byte[] b, int off) {
    return ((long) (b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  static void writeUint32(byte[] b, int off, long v) {
    b[off] = (byte) (v >> 24);
    b[off + 1] = (byte) (v >> 16);
    b[off + 2] = (byte) (v >> 8);
    b[off + 3] = (byte) v;
  }

  /** The array the last successful {@link #parse} read from. */
  public byte[] buffer() {
    return buf;
  }

  public int payloadOffset() {
    return payloadOffset;
  }

  /** Payload bytes without the padding. */
  public int payloadLength() {
    return payloadLength;
  }

  public boolean padding() {
    return padding;
  }

  public boolean extension() {
    return extension;
  }

  public int csrcCount() {
    return csrcCount;
  }

  public boolean marker() {
    return marker;
  }

  public int payloadType() {
    return payloadType;
  }

  /** 0..65535. */
  public int sequenceNumber() {
    return sequenceNumber;
  }

  /** Unsigned 32-bit. */
  public long timestamp() {
    return timestamp;
  }

  /** Unsigned 32-bit. */
  public long ssrc() {
    return ssrc;
  }

  @Override
  public String toString() {
    return "RTP[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp + " ssrc=" + Long.toHexString(ssrc)
        + " len=" + payloadLength + (marker ? " M" : "") + "]";
  }
}
