package io.voicegateway.media.dtmf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the UDP datagrams of a classic libpcap file with Ethernet framing and IPv4 (what SIPp's
 * stock pcaps hold). Written by hand because no pcap library is on the classpath and this needs only
 * ~60 lines; anything else (IPv6, fragments, other link types) is skipped.
 */
public final class PcapReader {

  public record Datagram(int sourcePort, int destinationPort, byte[] payload) {}

  private static final int ETHERNET = 1;

  private PcapReader() {}

  public static List<Datagram> udp(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
    int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
      in.order(ByteOrder.BIG_ENDIAN); // written on a big-endian machine
      magic = in.getInt(0);
    }
    if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
      throw new IOException("not a pcap file: " + file);
    }
    if (in.getInt(20) != ETHERNET) {
      throw new IOException("link type " + in.getInt(20) + " is not Ethernet: " + file);
    }
    List<Datagram> out = new ArrayList<>();
    int at = 24;
    while (at + 16 <= in.limit()) {
      int captured = in.getInt(at + 8);
      int frame = at + 16;
      at = frame + captured;
      if (at > in.limit()) {
        break; // truncated capture
      }
      Datagram d = parseFrame(in.duplicate().order(ByteOrder.BIG_ENDIAN), frame, captured);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  private static Datagram parseFrame(ByteBuffer b, int frame, int length) {
    int ip = frame + 14;
    int etherType = b.getShort(frame + 12) & 0xffff;
    if (etherType == 0x8100) { // one VLAN tag
      etherType = b.getShort(frame + 16) & 0xffff;
      ip += 4;
    }
    if (etherType != 0x0800 || (b.get(ip) >> 4) != 4 || b.get(ip + 9) != 17) {
      return null; // not IPv4 UDP
    }
    if ((b.getShort(ip + 6) & 0x3fff) != 0) {
      return null; // a fragment
    }
    int udp = ip + (b.get(ip) & 0x0f) * 4;
    int udpLength = b.getShort(udp + 4) & 0xffff;
    if (udpLength < 8 || udp + udpLength > frame + length) {
      return null;
    }
    byte[] payload = new byte[udpLength - 8];
    b.get(udp + 8, payload);
    return new Datagram(b.getShort(udp) & 0xffff, b.getShort(udp + 2) & 0xffff, payload);
  }
}
