package io.voicegateway.it.peers;

import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tshark on the loopback interface, capturing the RTP a range of local ports sends, so a test can count
 * and inspect what really went over the wire.
 */
public final class RtpCapture implements AutoCloseable {
  /** One captured RTP packet. */
  public record Packet(int srcPort, int dstPort, int seq, long timestamp, int payloadType, int payloadBytes) {}

  private final Process tshark;
  private final Path file;
  private final int portMin;
  private final int portMax;

  private RtpCapture(Process tshark, Path file, int portMin, int portMax) {
    this.tshark = tshark;
    this.file = file;
    this.portMin = portMin;
    this.portMax = portMax;
  }

  /** Starts capturing UDP sent from ports {@code portMin … portMax} and waits until tshark listens. */
  public static RtpCapture start(Path dir, int portMin, int portMax) throws IOException, InterruptedException {
    Tools.require("tshark");
    Path file = dir.resolve("rtp.pcap");
    Path log = dir.resolve("tshark.log");
    Process p = new ProcessBuilder("tshark", "-i", "lo", "-q", "-f",
        "udp and src portrange " + portMin + "-" + portMax, "-w", file.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    for (int i = 0; i < 200 && p.isAlive(); i++) {
      if (Files.exists(log) && Files.readString(log).contains("Capturing on")) {
        return new RtpCapture(p, file, portMin, portMax);
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new IOException("tshark did not start: " + (Files.exists(log) ? Files.readString(log) : ""));
  }

  /** Stops the capture and decodes every packet as RTP. */
  public List<Packet> stop() throws IOException, InterruptedException {
    tshark.destroy();
    tshark.waitFor(10, TimeUnit.SECONDS);
    Process read = new ProcessBuilder("tshark", "-r", file.toString(),
        "-d", "udp.port==" + portMin + "-" + portMax + ",rtp", "-Y", "rtp",
        "-T", "fields", "-E", "separator=,", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "rtp.seq",
        "-e", "rtp.timestamp", "-e", "rtp.p_type", "-e", "udp.length")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<Packet> packets = new ArrayList<>();
    for (String line : new String(read.getInputStream().readAllBytes()).split("\n")) {
      String[] f = line.trim().split(",");
      // tshark leaves fields empty for what it only half decodes as RTP (RTCP on the odd ports): not RTP
      if (f.length == 6 && java.util.Arrays.stream(f).noneMatch(String::isEmpty)) {
        packets.add(new Packet(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
            Long.parseLong(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]) - 8 - 12));
      }
    }
    read.waitFor(30, TimeUnit.SECONDS);
    return packets;
  }

  /** After {@link #stop()}: the RTP payloads sent to local port {@code dstPort}, in capture order. */
  public List<byte[]> payloadsTo(int dstPort) throws IOException, InterruptedException {
    return payloads(file, portMin + "-" + portMax, "rtp and udp.dstport==" + dstPort);
  }

  /**
   * The RTP payloads in a capture file, in capture order: UDP on {@code ports} (one port or a range
   * {@code a-b}) decoded as RTP, the packets that match tshark's display {@code filter}.
   */
  public static List<byte[]> payloads(Path pcap, String ports, String filter) throws IOException,
      InterruptedException {
    Process read = new ProcessBuilder("tshark", "-r", pcap.toString(), "-d", "udp.port==" + ports + ",rtp",
        "-Y", filter, "-T", "fields", "-e", "rtp.payload")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<byte[]> payloads = new ArrayList<>();
    for (String line : new String(read.getInputStream().readAllBytes()).split("\n")) {
      String hex = line.trim().replace(":", "");
      if (!hex.isEmpty()) {
        payloads.add(java.util.HexFormat.of().parseHex(hex));
      }
    }
    read.waitFor(30, TimeUnit.SECONDS);
    return payloads;
  }

  @Override
  public void close() {
    tshark.destroyForcibly();
  }
}
