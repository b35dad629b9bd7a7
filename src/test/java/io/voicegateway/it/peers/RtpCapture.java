package io.voicegateway.it.peers;

import static org.awaitility.Awaitility.await;

import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

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
    try {
      await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
          .atMost(Duration.ofSeconds(30)).until(() -> !p.isAlive() || capturing(log));
    } catch (ConditionTimeoutException e) {
      // reported below with tshark's log
    }
    if (p.isAlive() && capturing(log)) {
      return new RtpCapture(p, file, portMin, portMax);
    }
    p.destroyForcibly();
    throw new IOException("tshark did not start: " + (Files.exists(log) ? Files.readString(log) : ""));
  }

  private static boolean capturing(Path log) throws IOException {
    return Files.exists(log) && Files.readString(log).contains("Capturing on");
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

  /**
   * The RTP payloads sent to local port {@code dstPort}, in capture order: all of them after {@link #stop()};
   * while capturing, those captured so far (dumpcap writes each packet to the file as it takes it; a record
   * cut short at the end is left out), so a test can await what a peer has received instead of sleeping.
   */
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
