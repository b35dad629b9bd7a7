package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.TestConfigs;
import io.voicegateway.sip.stack.MalformedSip;
import io.voicegateway.testing.FreePorts;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed requests beyond RFC 4475, as a fuzzer or a broken phone sends them over UDP: bad Content-Length, missing
 * mandatory headers, bad CSeq, binary and non-UTF-8 bytes in headers and the Request-URI. Each that carries what a
 * response must copy (Via, From, To, Call-ID, CSeq) is answered 4xx with a reason phrase, never 5xx; the others are
 * dropped. Every one is counted in {@code vg_sip_malformed_total} or refused as a well-formed request, no handler
 * fails with a stack trace, and the gateway answers OPTIONS afterwards.
 */
class MalformedSipIT {
  private GatewayUnderTest gw;
  private DatagramSocket socket;
  private final Map<String, String> statusLines = new ConcurrentHashMap<>();
  private final List<LogRecord> traces = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Logger root = Logger.getLogger("");
  private final Handler traceCatcher = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getThrown() != null && record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
        traces.add(record);
      }
    }

    @Override public void flush() {}
    @Override public void close() {}
  };

  @BeforeEach
  void start() throws Exception {
    root.addHandler(traceCatcher);
    gw = new GatewayUnderTest(TestConfigs.udpTcp(FreePorts.udpAndTcp()));
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread reader = new Thread(this::read, "malformed-it-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @AfterEach
  void stop() throws Exception {
    root.removeHandler(traceCatcher);
    socket.close();
    if (gw != null) {
      gw.close();
    }
  }

  private void read() {
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        socket.receive(p);
        String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        String callId = header(text, "Call-ID");
        String status = text.substring(0, Math.max(0, text.indexOf("\r\n")));
        if (callId != null && !status.startsWith("SIP/2.0 100")) {
          statusLines.putIfAbsent(callId, status);
        }
      } catch (SocketException closed) {
        return;
      } catch (Exception e) {
        // keep reading
      }
    }
  }

  /** A request from our socket: {@code %VIA%} and {@code %CALLID%} are filled in; bytes as given (ISO-8859-1). */
  private byte[] request(String name, String template, byte[]... raw) {
    String text = template.replace("%VIA%", "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort()
            + ";branch=z9hG4bK-" + name + ";rport")
        .replace("%CALLID%", "Call-ID: " + name)
        .replace("%GW%", "127.0.0.1:" + gw.port())
        .replace("\n", "\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] parts = text.split("%RAW%", -1);
    for (int i = 0; i < parts.length; i++) {
      out.writeBytes(parts[i].getBytes(StandardCharsets.ISO_8859_1));
      if (i < raw.length && i < parts.length - 1) {
        out.writeBytes(raw[i]);
      }
    }
    return out.toByteArray();
  }

  private static final String HEAD = """
      %VIA%
      Max-Forwards: 70
      From: <sip:fuzz@127.0.0.1>;tag=f1
      To: <sip:gateway@127.0.0.1>
      %CALLID%
      """;

  private static final byte[] BINARY = {0, 1, 2, (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0x1b, '[', '3', '1',
      'm', (byte) 0x80, (byte) 0xe2, (byte) 0x82};

  @Test
  void malformedRequestsGetA4xxWithAReasonOrAreDroppedAndNoneA5xx() throws Exception {
    long countedBefore = totalCounted();
    Map<String, byte[]> answerable = new LinkedHashMap<>();
    // Read liberally, as RFC 4475 allows: a line that is no header is skipped, a long header is kept (within a
    // datagram); answered like any request, never with a 5xx.
    Map<String, byte[]> liberal = new LinkedHashMap<>();
    answerable.put("cl-text", request("cl-text", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "CSeq: 1 OPTIONS\nContent-Length: abc\n\n"));
    answerable.put("cl-negative", request("cl-negative", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "CSeq: 1 OPTIONS\nContent-Length: -5\n\n"));
    answerable.put("cl-too-long", request("cl-too-long", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "CSeq: 1 OPTIONS\nContent-Length: 5000\n\nshort body"));
    answerable.put("cl-huge", request("cl-huge", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "CSeq: 1 OPTIONS\nContent-Length: 99999999999999999999\n\n"));
    answerable.put("no-max-forwards", request("no-max-forwards", "OPTIONS sip:gateway@%GW% SIP/2.0\n"
        + HEAD.replace("Max-Forwards: 70\n", "") + "CSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
    answerable.put("mf-text", request("mf-text", "OPTIONS sip:gateway@%GW% SIP/2.0\n"
        + HEAD.replace("Max-Forwards: 70", "Max-Forwards: lots") + "CSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
    answerable.put("cseq-text", request("cseq-text", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "CSeq: one OPTIONS\nContent-Length: 0\n\n"));
    answerable.put("cseq-no-method", request("cseq-no-method", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "CSeq: 1\nContent-Length: 0\n\n"));
    answerable.put("cseq-mismatch", request("cseq-mismatch", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "CSeq: 1 INVITE\nContent-Length: 0\n\n"));
    answerable.put("cseq-negative", request("cseq-negative", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "CSeq: -1 OPTIONS\nContent-Length: 0\n\n"));
    answerable.put("binary-subject", request("binary-subject", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "Subject: %RAW%\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n", BINARY));
    answerable.put("binary-header-name", request("binary-header-name", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "%RAW%: x\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n", BINARY));
    answerable.put("binary-contact", request("binary-contact", "INVITE sip:echo@%GW% SIP/2.0\n" + HEAD
        + "Contact: <sip:%RAW%@127.0.0.1>\nCSeq: 1 INVITE\nContent-Length: 0\n\n", BINARY));
    answerable.put("binary-ruri", request("binary-ruri", "OPTIONS sip:%RAW%@%GW% SIP/2.0\n" + HEAD
        + "CSeq: 1 OPTIONS\nContent-Length: 0\n\n", BINARY));
    liberal.put("no-colon-line", request("no-colon-line", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "this line is not a header\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
    answerable.put("body-no-type", request("body-no-type", "INVITE sip:echo@%GW% SIP/2.0\n" + HEAD
        + "Contact: <sip:fuzz@127.0.0.1>\nCSeq: 1 INVITE\nContent-Length: 4\n\nv=0\n"));
    answerable.put("binary-accept", request("binary-accept", "INVITE sip:echo@%GW% SIP/2.0\n" + HEAD
        + "Contact: <sip:fuzz@127.0.0.1>\nAccept: %RAW%\nCSeq: 1 INVITE\nContent-Length: 0\n\n", BINARY));
    answerable.put("binary-require", request("binary-require", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "Require: %RAW%\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n", BINARY));
    answerable.put("bad-expires", request("bad-expires", "REGISTER sip:%GW% SIP/2.0\n" + HEAD
        + "Contact: <sip:fuzz@127.0.0.1>\nExpires: soon\nCSeq: 1 REGISTER\nContent-Length: 0\n\n"));
    answerable.put("ruri-junk", request("ruri-junk", "OPTIONS sip:@@@:: SIP/2.0\n" + HEAD
        + "CSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
    // 12 KB: within limits.udp_max_datagram (16 KB), so read whole and answered
    liberal.put("long-header", request("long-header", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "Subject: " + "x".repeat(12_000) + "\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
    answerable.put("bye-no-dialog", request("bye-no-dialog", "BYE sip:gateway@%GW% SIP/2.0\n"
        + HEAD.replace("<sip:gateway@127.0.0.1>", "<sip:gateway@127.0.0.1>;tag=nope")
        + "CSeq: 2 BYE\nContent-Length: 0\n\n"));

    Map<String, byte[]> unanswerable = new LinkedHashMap<>();
    // 20 KB: over limits.udp_max_datagram, cut at 16 KB by the receive loop, so it lacks its CSeq: dropped, counted
    unanswerable.put("oversized-datagram", request("oversized-datagram", "OPTIONS sip:gateway@%GW% SIP/2.0\n"
        + HEAD + "Subject: " + "x".repeat(20_000) + "\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
    unanswerable.put("no-call-id", request("no-call-id", "OPTIONS sip:gateway@%GW% SIP/2.0\n"
        + HEAD.replace("%CALLID%\n", "") + "CSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
    unanswerable.put("no-from", request("no-from", "OPTIONS sip:gateway@%GW% SIP/2.0\n"
        + HEAD.replace("From: <sip:fuzz@127.0.0.1>;tag=f1\n", "") + "CSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
    unanswerable.put("no-cseq", request("no-cseq", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "Content-Length: 0\n\n"));
    unanswerable.put("binary-only", BINARY);

    InetSocketAddress gateway = new InetSocketAddress(InetAddress.getLoopbackAddress(), gw.port());
    for (byte[] datagram : unanswerable.values()) {
      socket.send(new DatagramPacket(datagram, datagram.length, gateway));
    }
    answerable.putAll(liberal);
    for (Map.Entry<String, byte[]> e : answerable.entrySet()) {
      socket.send(new DatagramPacket(e.getValue(), e.getValue().length, gateway));
      GatewayUnderTest.eventually(10, () -> statusLines.containsKey(e.getKey()));
    }
    StringBuilder table = new StringBuilder("| request | answered |\n|---|---|\n");
    answerable.keySet().forEach(k -> table.append("| ").append(k).append(" | ")
        .append(statusLines.getOrDefault(k, "-")).append(" |\n"));
    System.out.println(table);

    List<String> wrong = new ArrayList<>();
    for (String name : answerable.keySet()) {
      String line = statusLines.get(name);
      String allowed = liberal.containsKey(name) ? "SIP/2\\.0 [2-4]\\d\\d \\S.*" : "SIP/2\\.0 4\\d\\d \\S.*";
      if (line == null || !line.matches(allowed)) {
        wrong.add(name + ": " + line);
      }
    }
    assertEquals(List.of(), wrong, "every answerable malformed request gets a 4xx with a reason phrase\n" + table);
    assertEquals(List.of(), traces.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
        "no stack trace logged");
    assertTrue(totalCounted() - countedBefore >= unanswerable.size(),
        "the dropped ones are counted: " + (totalCounted() - countedBefore));

    byte[] options = request("after", "OPTIONS sip:gateway@%GW% SIP/2.0\n" + HEAD
        + "CSeq: 1 OPTIONS\nContent-Length: 0\n\n");
    socket.send(new DatagramPacket(options, options.length, gateway));
    assertTrue(GatewayUnderTest.eventually(10, () -> statusLines.containsKey("after")), "OPTIONS answered after");
    assertTrue(statusLines.get("after").startsWith("SIP/2.0 200"), statusLines.get("after"));
  }

  private static long totalCounted() {
    long sum = 0;
    for (MalformedSip.Reason r : MalformedSip.Reason.values()) {
      sum += MalformedSip.count(r);
    }
    return sum;
  }

  private static String header(String message, String name) {
    for (String line : message.split("\r\n")) {
      if (line.isEmpty()) {
        return null;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }
}
