package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.testing.FreePorts;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 for stream transports, against plain TCP sockets: a stranger on 127.0.0.2 opens more connections than
 * {@code limits.max_connections_per_source}: the extra ones are closed by the gateway at accept and counted; then it
 * floods OPTIONS over one connection: it gets banned and that connection closed, and its reconnect is closed at
 * accept. Meanwhile 127.0.0.1's OPTIONS over TCP is answered 200, and nothing is logged with a stack trace.
 */
class TcpLimitsIT {
  private static final int CAP = 3;
  private static final int EXTRA = 4;
  private static final int FLOOD = 400;

  /** The blocking TCP listener (the stack's choice without WebSocket). */
  @Test
  void aStrangersConnectionsAreCappedAndItsFloodOverOneConnectionBansIt() throws Exception {
    capAndBan("  sip_transport: [udp, tcp]\n  keepalive_interval: 1h", 0);
  }

  /**
   * The non-blocking TCP listener (the stack's choice with WebSocket), and the WebSocket listener: plain sockets
   * from a stranger over the cap there are closed at accept too, before any HTTP upgrade is read.
   */
  @Test
  void theSameHoldsForTheNonBlockingListenersUsedWithWebSocket() throws Exception {
    int wsPort = FreePorts.udpAndTcp();
    capAndBan("  sip_transport: [udp, tcp, ws]\n  keepalive_interval: 1h\n  sip_ws_port: " + wsPort, wsPort);
  }

  private static void capAndBan(String mediaYaml, int wsPort) throws Exception {
    List<LogRecord> traces = Collections.synchronizedList(new ArrayList<>());
    Handler catcher = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getThrown() != null && record.getLevel().intValue() >= Level.WARNING.intValue()) {
          traces.add(record);
        }
      }

      @Override public void flush() {}
      @Override public void close() {}
    };
    Logger root = Logger.getLogger("");
    root.addHandler(catcher);
    try (GatewayFixture gw = GatewayFixture.start(mediaYaml,
        String.join("\n",
            "limits:",
            "  max_connections_per_source: " + CAP,
            "  requests_per_second: 5",
            "  requests_burst: 5",
            "  flood_ban_after: 20"))) {
      InetAddress stranger = InetAddress.getByName("127.0.0.2");
      List<Socket> kept = new ArrayList<>();
      try {
        for (int i = 0; i < CAP; i++) {
          Socket s = connect(stranger, gw.sipPort());
          kept.add(s);
          assertTrue(options(s, gw.sipPort(), "kept-" + i).startsWith("SIP/2.0 200"), "connection " + i + " served");
        }
        List<Socket> extra = new ArrayList<>();
        for (int i = 0; i < EXTRA; i++) {
          extra.add(connect(stranger, gw.sipPort()));
        }
        for (Socket s : extra) {
          assertTrue(closedByPeer(s), "a connection over the cap is closed by the gateway");
          s.close();
        }
        assertTrue(GatewayUnderTest.eventually(10, () -> limited(gw, "connections") == EXTRA), limits(gw).encode());
        assertEquals(CAP, limits(gw).getInteger("sourceConnections"), limits(gw).encode());
        if (wsPort > 0) { // the WebSocket listener shares the address's count: it is at its cap already
          try (Socket ws = connect(stranger, wsPort)) {
            assertTrue(closedByPeer(ws), "a WebSocket connection over the cap is closed by the gateway");
          }
          assertTrue(GatewayUnderTest.eventually(10, () -> limited(gw, "connections") == EXTRA + 1),
              limits(gw).encode());
        }
      } finally {
        for (Socket s : kept) {
          s.close();
        }
      }
      assertTrue(GatewayUnderTest.eventually(10, () -> limits(gw).getInteger("sourceConnections") == 0),
          "slots given back when the connections close: " + limits(gw).encode());

      try (Socket flooder = connect(stranger, gw.sipPort())) {
        OutputStream out = flooder.getOutputStream();
        try {
          for (int i = 0; i < FLOOD; i++) {
            out.write(optionsRequest(flooder, gw.sipPort(), "flood-" + i).getBytes(StandardCharsets.US_ASCII));
          }
          out.flush();
        } catch (IOException e) {
          // the gateway closed the connection mid-flood: what this test wants
        }
        assertTrue(closedByPeer(flooder), "the flooding connection is closed by the gateway: " + limits(gw).encode());
      }
      assertTrue(GatewayUnderTest.eventually(10, () -> limits(gw).getInteger("bannedNow") >= 1), limits(gw).encode());
      assertTrue(limited(gw, "rate") > 0, limits(gw).encode());
      long bannedBefore = limited(gw, "banned");
      try (Socket again = connect(stranger, gw.sipPort())) {
        assertTrue(closedByPeer(again), "a banned address's reconnect is closed at accept");
      }
      assertTrue(GatewayUnderTest.eventually(10, () -> limited(gw, "banned") > bannedBefore), limits(gw).encode());

      try (Socket local = connect(InetAddress.getByName("127.0.0.1"), gw.sipPort())) {
        String answer = options(local, gw.sipPort(), "local");
        assertTrue(answer.startsWith("SIP/2.0 200"), "127.0.0.1's OPTIONS over TCP: " + answer);
      }
      double counted = gw.gateway().metrics().registry().find("vg_sip_limited").tag("reason", "connections")
          .functionCounter().count();
      System.out.printf("tcp limits: over-cap connections closed: metric %.0f; %s%n", counted,
          limits(gw).encode());
      assertEquals(wsPort > 0 ? EXTRA + 1 : EXTRA, counted, 0.0);
    } finally {
      root.removeHandler(catcher);
    }
    assertTrue(traces.isEmpty(), "no stack trace logged: " + traces.stream()
        .map(r -> r.getLoggerName() + ": " + r.getMessage() + " " + r.getThrown()).toList());
  }

  private static JsonObject limits(GatewayFixture gw) {
    return gw.gateway().health().getJsonObject("limits");
  }

  private static long limited(GatewayFixture gw, String reason) {
    return limits(gw).getJsonObject("limited").getLong(reason);
  }

  private static Socket connect(InetAddress from, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    s.setSoTimeout(15_000); // the failure bound: the gateway answers or closes within milliseconds
    return s;
  }

  /** Whether the gateway closes {@code s} (end of stream or reset) before sending anything. */
  private static boolean closedByPeer(Socket s) {
    try {
      InputStream in = s.getInputStream();
      byte[] buffer = new byte[8192];
      while (true) {
        if (in.read(buffer) < 0) {
          return true;
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private static String options(Socket s, int port, String id) throws IOException {
    s.getOutputStream().write(optionsRequest(s, port, id).getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    StringBuilder got = new StringBuilder();
    byte[] buffer = new byte[8192];
    while (!got.toString().contains("\r\n\r\n")) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      got.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
    }
    return got.toString();
  }

  private static String optionsRequest(Socket s, int port, String id) {
    String host = s.getLocalAddress().getHostAddress();
    return String.join("\r\n",
        "OPTIONS sip:127.0.0.1:" + port + ";transport=tcp SIP/2.0",
        "Via: SIP/2.0/TCP " + host + ":" + s.getLocalPort() + ";branch=z9hG4bK-tcplimits-" + id + ";rport",
        "Max-Forwards: 70",
        "From: <sip:stranger@" + host + ">;tag=" + id,
        "To: <sip:gateway@127.0.0.1>",
        "Call-ID: tcplimits-" + id + "-" + System.nanoTime(),
        "CSeq: 1 OPTIONS",
        "Content-Length: 0",
        "", "");
  }
}
