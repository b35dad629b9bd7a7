package io.voicegateway.media.rtp;

import java.nio.charset.StandardCharsets;

/**
 * Builds and parses the RTCP compound packets a leg exchanges every ~5 s (RFC 3550 §6.4): a sender report
 * when we sent media since the last report, else a receiver report, each with one report block about the
 * remote source and the mandatory SDES CNAME. Written by hand because the format is small and fixed and
 * no well-kept Java RTCP library exists outside large media frameworks.
 */
public final class RtcpReports {
  public static final int SR = 200;
  public static final int RR = 201;
  public static final int SDES = 202;
  /** Seconds from 1900 (NTP epoch) to 1970 (Unix epoch). */
  private static final long NTP_OFFSET_SECONDS = 2_208_988_800L;

  private RtcpReports() {}

  /** What we sent since the last report, for a sender report; {@code packets == 0} makes it a receiver report. */
  public record SenderInfo(long rtpTimestamp, long packets, long octets) {}

  /**
   * Writes an SR (or RR when {@code sender} is null or has sent nothing) plus SDES CNAME into {@code out}
   * and returns its length. The report block about {@code remote} is left out while nothing was received.
   *
   * @param nowMillis   wall-clock time for the NTP timestamp
   * @param lsr         middle 32 bits of the NTP time of the remote's last SR, 0 if none
   * @param dlsrUnits   delay since that SR in 1/65536 s, 0 if none
   */
  public static int write(byte[] out, int off, long ssrc, long nowMillis, SenderInfo sender, ReceiveStats remote,
      long lsr, long dlsrUnits, String cname) {
    boolean isSender = sender != null && sender.packets() > 0;
    boolean hasBlock = remote != null && remote.started();
    int pos = off;
    int words = (isSender ? 6 : 1) + (hasBlock ? 6 : 0);
    out[pos] = (byte) (0x80 | (hasBlock ? 1 : 0));
    out[pos + 1] = (byte) (isSender ? SR : RR);
    writeU16(out, pos + 2, words);
    RtpPacket.writeUint32(out, pos + 4, ssrc);
    pos += 8;
    if (isSender) {
      long ntp = toNtp(nowMillis);
      RtpPacket.writeUint32(out, pos, ntp >>> 32);
      RtpPacket.writeUint32(out, pos + 4, ntp);
      RtpPacket.writeUint32(out, pos + 8, sender.rtpTimestamp());
      RtpPacket.writeUint32(out, pos + 12, sender.packets());
      RtpPacket.writeUint32(out, pos + 16, sender.octets());
      pos += 20;
    }
    if (hasBlock) {
      RtpPacket.writeUint32(out, pos, remote.ssrc());
      long lost = Math.max(-0x800000L, Math.min(0x7fffffL, remote.cumulativeLost()));
      RtpPacket.writeUint32(out, pos + 4, ((long) remote.takeFractionLost() << 24) | (lost & 0xffffff));
      RtpPacket.writeUint32(out, pos + 8, remote.extendedHighestSeq());
      RtpPacket.writeUint32(out, pos + 12, remote.jitterUnits());
      RtpPacket.writeUint32(out, pos + 16, lsr);
      RtpPacket.writeUint32(out, pos + 20, dlsrUnits);
      pos += 24;
    }
    return pos - off + writeSdes(out, pos, ssrc, cname);
  }

  private static int writeSdes(byte[] out, int off, long ssrc, String cname) {
    byte[] name = cname.getBytes(StandardCharsets.UTF_8);
    int nameLen = Math.min(name.length, 255);
    int itemBytes = 2 + nameLen + 1; // CNAME item, then the END item; padded to a 32-bit boundary
    int chunk = 4 + ((itemBytes + 3) & ~3);
    out[off] = (byte) 0x81;
    out[off + 1] = (byte) SDES;
    writeU16(out, off + 2, chunk / 4);
    RtpPacket.writeUint32(out, off + 4, ssrc);
    out[off + 8] = 1; // CNAME
    out[off + 9] = (byte) nameLen;
    System.arraycopy(name, 0, out, off + 10, nameLen);
    for (int i = off + 10 + nameLen; i < off + 4 + chunk; i++) {
      out[i] = 0;
    }
    return 4 + chunk;
  }

  /** What a received compound packet told us. Reused by the parser; one per leg. */
  public static final class Report {
    public long senderSsrc;
    public boolean fromSender;
    /** Middle 32 bits of the SR's NTP time: our next LSR. */
    public long ntpMiddle;
    public boolean hasBlock;
    public int fractionLost;
    public int cumulativeLost;
    public long extendedHighestSeq;
    public long jitterUnits;
    public long lsr;
    public long dlsr;
  }

  /**
   * Parses a compound packet, filling {@code into} from the first SR or RR and its first report block about
   * {@code ourSsrc}. Returns false for anything malformed (bad version, lengths past the end, no SR/RR first).
   */
  public static boolean parse(byte[] buf, int off, int len, long ourSsrc, Report into) {
    int end = off + len;
    int pos = off;
    boolean first = true;
    into.hasBlock = false;
    while (pos + 4 <= end) {
      int b0 = buf[pos] & 0xff;
      int pt = buf[pos + 1] & 0xff;
      int bytes = 4 * (readU16(buf, pos + 2) + 1);
      if ((b0 >> 6) != 2 || pos + bytes > end) {
        return false;
      }
      if (first && pt != SR && pt != RR) {
        return false; // RFC 3550 §6.1: a compound packet starts with SR or RR
      }
      if (first && bytes < 8) {
        return false; // an SR/RR without room for its SSRC (length field 0): found by RtpFuzzTest
      }
      if (first) {
        int count = b0 & 0x1f;
        into.senderSsrc = RtpPacket.readUint32(buf, pos + 4);
        into.fromSender = pt == SR;
        int blocks = pos + 8;
        if (pt == SR) {
          if (bytes < 28) {
            return false;
          }
          long msw = RtpPacket.readUint32(buf, pos + 8);
          long lsw = RtpPacket.readUint32(buf, pos + 12);
          into.ntpMiddle = ((msw & 0xffff) << 16) | (lsw >>> 16);
          blocks = pos + 28;
        }
        if (blocks + 24 * count > pos + bytes) {
          return false;
        }
        for (int i = 0; i < count; i++) {
          int b = blocks + 24 * i;
          if (RtpPacket.readUint32(buf, b) == ourSsrc) {
            into.hasBlock = true;
            into.fractionLost = buf[b + 4] & 0xff;
            int lost = (int) (RtpPacket.readUint32(buf, b + 4) & 0xffffff);
            into.cumulativeLost = (lost << 8) >> 8; // sign-extend 24 bits
            into.extendedHighestSeq = RtpPacket.readUint32(buf, b + 8);
            into.jitterUnits = RtpPacket.readUint32(buf, b + 12);
            into.lsr = RtpPacket.readUint32(buf, b + 16);
            into.dlsr = RtpPacket.readUint32(buf, b + 20);
            break;
          }
        }
        first = false;
      }
      pos += bytes;
    }
    return !first && pos == end;
  }

  /** The 64-bit NTP timestamp for a Unix time in milliseconds. */
  public static long toNtp(long unixMillis) {
    long seconds = unixMillis / 1000 + NTP_OFFSET_SECONDS;
    long fraction = ((unixMillis % 1000) << 32) / 1000;
    return (seconds << 32) | fraction;
  }

  /** Middle 32 bits of an NTP time: the unit of LSR, DLSR and round-trip arithmetic (1/65536 s). */
  public static long ntpMiddle(long ntp) {
    return (ntp >>> 16) & 0xffffffffL;
  }

  private static void writeU16(byte[] b, int off, int v) {
    b[off] = (byte) (v >> 8);
    b[off + 1] = (byte) v;
  }

  private static int readU16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }
}
