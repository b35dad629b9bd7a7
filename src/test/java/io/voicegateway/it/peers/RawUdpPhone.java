package io.voicegateway.it.peers;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A callee made of one UDP socket, answered by hand: for tests that need a phone to stay silent, or to
 * answer at an exact step, which baresip and SIPp cannot be told to do. It registers elsewhere (a SIPp
 * REGISTER from the same port); here it only reads requests and writes responses built from them.
 */
public final class RawUdpPhone implements AutoCloseable {
  private final DatagramSocket socket;
  private InetSocketAddress gateway;

  public RawUdpPhone(int port) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
  }

  /** The next request, OPTIONS (a qualify) skipped; null when none came within {@code timeoutMs}. */
  public String receive(int timeoutMs) throws IOException {
    long end = System.currentTimeMillis() + timeoutMs;
    byte[] buffer = new byte[65536];
    while (true) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return null;
      }
      socket.setSoTimeout((int) left);
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        return null;
      }
      gateway = (InetSocketAddress) packet.getSocketAddress();
      String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      if (!message.startsWith("OPTIONS ")) {
        return message;
      }
    }
  }

  /** Every request that comes within {@code ms} (for "nothing but X arrived meanwhile"). */
  public List<String> drain(int ms) throws IOException {
    List<String> got = new ArrayList<>();
    long end = System.currentTimeMillis() + ms;
    for (long left = ms; left > 0; left = end - System.currentTimeMillis()) {
      String message = receive((int) left);
      if (message != null) {
        got.add(message);
      }
    }
    return got;
  }

  /** Answers {@code request} with {@code status}; {@code toTag} is added to its To header when non-null. */
  public void respond(String request, int status, String reason, String toTag) throws IOException {
    StringBuilder out = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
    for (String line : request.split("\r\n")) {
      String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase() : "";
      switch (name) {
        case "via", "from", "call-id", "cseq" -> out.append(line).append("\r\n");
        case "to" -> out.append(line).append(toTag == null || line.contains(";tag=") ? "" : ";tag=" + toTag)
            .append("\r\n");
        default -> { }
      }
    }
    out.append("Content-Length: 0\r\n\r\n");
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, gateway));
  }

  /** The request line's method. */
  public static String method(String request) {
    return request.substring(0, request.indexOf(' '));
  }

  @Override
  public void close() {
    socket.close();
  }
}
