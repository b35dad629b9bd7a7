package io.voicegateway.media.rtp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The sending side of one leg's RTP stream: its own random SSRC, and sequence number and timestamp that
 * run on continuously (random starts, RFC 3550 §5.1) across codec changes and holds, so the far end
 * never sees the stream restart. Mixer thread only.
 */
public final class RtpPacketizer {
  private final long ssrc;
  private int seq;
  private long timestamp;
  private boolean markNext = true;
  private long packets;
  private long octets;

  /** Random SSRC, first sequence number and first timestamp. */
  public static RtpPacketizer random() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new RtpPacketizer(random.nextLong() & 0xffffffffL, random.nextInt(1 << 16),
        random.nextLong() & 0xffffffffL);
  }

  public RtpPacketizer(long ssrc, int firstSeq, long firstTimestamp) {
    this.ssrc = ssrc;
    this.seq = firstSeq & 0xffff;
    this.timestamp = firstTimestamp & 0xffffffffL;
  }

  /**
   * Writes the header of the next packet into {@code out} at 0 and takes a sequence number. The marker is
   * set on the first packet after a start or a {@link #talkspurt()} (RFC 3551 §4.1).
   *
   * @param ts the packet's RTP timestamp (the current one for audio, the event start for RFC 4733)
   */
  public int header(byte[] out, int payloadType, long ts, boolean marker, int payloadLength) {
    boolean m = marker || markNext;
    markNext = false;
    RtpPacket.writeHeader(out, 0, m, payloadType, seq, ts, ssrc);
    seq = (seq + 1) & 0xffff;
    packets++;
    octets += payloadLength;
    return RtpPacket.HEADER_LENGTH;
  }

  /** The timestamp of the audio now being packetised. */
  public long timestamp() {
    return timestamp;
  }

  /** Moves the timestamp on by {@code units} of the RTP clock, whether or not a packet went out. */
  public void advance(int units) {
    timestamp = (timestamp + units) & 0xffffffffL;
  }

  /** Skips {@code n} sequence numbers: packets lost before a relayed one (fax pass-through) stay a gap. */
  public void skip(int n) {
    seq = (seq + n) & 0xffff;
  }

  /** The next packet starts a talkspurt (after a hold, a codec change, DTMF): mark it. */
  public void talkspurt() {
    markNext = true;
  }

  public long ssrc() {
    return ssrc;
  }

  public long packets() {
    return packets;
  }

  public long octets() {
    return octets;
  }
}
