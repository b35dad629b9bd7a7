package io.voicegateway.bench.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal SIP UAC over UDP, enough for a load on loopback: INVITE with a PCMU offer, ACK, BYE, and 200 to any
 * request the gateway sends (its BYE, an OPTIONS). No retransmission: on loopback a lost datagram is a finding.
 */
final class SipCaller implements AutoCloseable {
  private static final Pattern AUDIO_PORT = Pattern.compile("(?m)^m=audio (\\d+) ");
  private static final Pattern CONNECTION = Pattern.compile("(?m)^c=IN IP4 (\\S+)");
  private static final Pattern URI_IN_BRACKETS = Pattern.compile("<([^>]+)>");

  private final DatagramChannel channel;
  private final InetSocketAddress gateway;
  private final int localPort;
  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private final AtomicInteger branches = new AtomicInteger();
  private final Thread reader;

  SipCaller(int localPort, InetSocketAddress gateway) throws IOException {
    this.localPort = localPort;
    this.gateway = gateway;
    this.channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", localPort));
    this.reader = new Thread(this::read, "sip-reader");
    reader.setDaemon(true);
    reader.start();
  }

  void invite(Call call, String service) {
    calls.put(call.sipCallId, call);
    String sdp = String.join("\r\n",
        "v=0", "o=bench " + call.index + " 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
        "m=audio " + call.rtpPort + " RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-15", "a=ptime:20", "a=sendrecv", "");
    String target = "sip:" + service + "@" + gateway.getHostString() + ":" + gateway.getPort();
    send("INVITE " + target + " SIP/2.0\r\n"
        + via(call, 1)
        + "Max-Forwards: 70\r\n"
        + from(call)
        + "To: <" + target + ">\r\n"
        + "Call-ID: " + call.sipCallId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + contact()
        + "X-Bench-Call: " + call.index + "\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp);
  }

  void bye(Call call) {
    if (call.remoteTarget == null || call.hungUpByGateway) {
      call.ended.complete(null);
      return;
    }
    send("BYE " + call.remoteTarget + " SIP/2.0\r\n" + via(call, branches.incrementAndGet()) + "Max-Forwards: 70\r\n"
        + from(call) + call.toHeader + "\r\nCall-ID: " + call.sipCallId + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");
  }

  private String via(Call call, int branch) {
    return "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";rport;branch=z9hG4bK" + call.fromTag + "x" + branch + "\r\n";
  }

  private String from(Call call) {
    return "From: \"bench\" <sip:bench@127.0.0.1:" + localPort + ">;tag=" + call.fromTag + "\r\n";
  }

  private String contact() {
    return "Contact: <sip:bench@127.0.0.1:" + localPort + ">\r\n";
  }

  private void read() {
    ByteBuffer buf = ByteBuffer.allocate(65536);
    while (channel.isOpen()) {
      try {
        buf.clear();
        channel.receive(buf);
        buf.flip();
        handle(StandardCharsets.UTF_8.decode(buf).toString());
      } catch (IOException e) {
        return;
      } catch (RuntimeException e) {
        System.err.println("sip: " + e);
      }
    }
  }

  private void handle(String message) {
    int split = message.indexOf("\r\n\r\n");
    String head = split < 0 ? message : message.substring(0, split);
    String body = split < 0 ? "" : message.substring(split + 4);
    String[] lines = head.split("\r\n");
    Call call = calls.get(header(lines, "call-id", "i"));
    if (!lines[0].startsWith("SIP/2.0 ")) {
      answerRequest(lines, call);
      return;
    }
    if (call == null) {
      return;
    }
    int status = Integer.parseInt(lines[0].substring(8, 11));
    String method = header(lines, "cseq", null).replaceAll("^\\d+\\s+", "").trim();
    if ("BYE".equals(method) && status >= 200) {
      call.ended.complete(null);
    } else if ("INVITE".equals(method) && status >= 200) {
      call.toHeader = "To: " + header(lines, "to", "t");
      if (status >= 300) {
        send("ACK sip:x@" + gateway.getHostString() + " SIP/2.0\r\n" + via(call, 1) + from(call) + call.toHeader
            + "\r\nCall-ID: " + call.sipCallId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
        call.answered.completeExceptionally(new IllegalStateException(lines[0]));
        return;
      }
      Matcher target = URI_IN_BRACKETS.matcher(header(lines, "contact", "m"));
      call.remoteTarget = target.find() ? target.group(1) : "sip:" + gateway.getHostString() + ":" + gateway.getPort();
      Matcher port = AUDIO_PORT.matcher(body);
      Matcher host = CONNECTION.matcher(body);
      if (port.find() && host.find()) {
        call.gatewayRtp = new InetSocketAddress(host.group(1), Integer.parseInt(port.group(1)));
      }
      send("ACK " + call.remoteTarget + " SIP/2.0\r\n" + via(call, branches.incrementAndGet()) + "Max-Forwards: 70\r\n"
          + from(call) + call.toHeader + "\r\nCall-ID: " + call.sipCallId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
      call.answered.complete(null);
    }
  }

  /** 200 to whatever the gateway asks; its BYE ends the call from its side (a stream that hung up, say). */
  private void answerRequest(String[] lines, Call call) {
    StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
    for (String line : lines) {
      String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT) : "";
      if (name.equals("via") || name.equals("v") || name.equals("from") || name.equals("f") || name.equals("to")
          || name.equals("t") || name.equals("call-id") || name.equals("i") || name.equals("cseq")) {
        ok.append(line).append("\r\n");
      }
    }
    send(ok.append("Content-Length: 0\r\n\r\n").toString());
    if (call != null && lines[0].startsWith("BYE ")) {
      call.hungUpByGateway = true;
      call.ended.complete(null);
    }
  }

  private static String header(String[] lines, String name, String compact) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String n = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (n.equals(name) || n.equals(compact)) {
          return line.substring(colon + 1).trim();
        }
      }
    }
    return "";
  }

  private void send(String message) {
    try {
      synchronized (channel) {
        channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), gateway);
      }
    } catch (IOException e) {
      System.err.println("sip send: " + e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
