package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.FreePorts;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest replay of issue 14: SIPp registers alice with digest ({@code qop=auth}, nc=00000001); its REGISTER,
 * captured from SIPp's message trace, is replayed as an attacker would (own Contact, new branch, next CSeq):
 * from another loopback address (127.0.0.2) it is challenged afresh (the nonce was issued to 127.0.0.1), and from
 * SIPp's own address with the same nc it is challenged too (the nonce-count was used). Alice's bindings stay
 * exactly what SIPp registered.
 */
class DigestReplayIT {
  private static final String ALICE_CONTACT = "sip:alice@192.168.1.20:5060";

  @Test
  void aCapturedRegisterReplayedFromAnotherAddressOrWithItsNonceCountAgainBindsNothing(@TempDir Path dir)
      throws Exception {
    SippRunner.requireSipp();
    Path trace = dir.resolve("messages.log");
    try (GatewayFixture gw = GatewayFixture.start("", String.join("\n",
        "devices:",
        "  - id: alice",
        "    username: alice",
        "    password: secret"))) {
      SippRunner.Result r = SippRunner.scenario("register_once.xml")
          .args("-p", String.valueOf(FreePorts.udpAndTcp()), "-trace_msg", "-message_file", trace.toString())
          .timeoutSeconds(20).run(gw.target(), 1, 1, 1);
      assertEquals(0, r.exitCode(), r.toString());
      List<String> bound = contacts(gw);
      assertEquals(List.of(ALICE_CONTACT), bound);

      String captured = authorizedRegister(Files.readString(trace));
      assertTrue(captured.matches("(?s).*Authorization: Digest .*qop=\"?auth\"?.*"),
          "SIPp used qop=auth:\n" + captured);
      assertTrue(captured.contains("nc=00000001"), captured);

      String fromElsewhere = replay(captured, "127.0.0.2", "sip:mallory@127.0.0.2:5060", 3);
      assertStatus(List.of(401, 403), send("127.0.0.2", gw.sipPort(), fromElsewhere), "replay from 127.0.0.2");
      assertEquals(bound, contacts(gw), "no binding for the attacker");

      String sameSource = replay(captured, "127.0.0.1", "sip:mallory@127.0.0.1:5070", 4);
      assertStatus(List.of(401, 403), send("127.0.0.1", gw.sipPort(), sameSource), "replay with the same nc");
      assertEquals(bound, contacts(gw), "no binding for the attacker");
    }
  }

  private static List<String> contacts(GatewayFixture gw) {
    return gw.contactsOf("alice").stream().map(DeviceQueries.Binding::contact).sorted().toList();
  }

  /** The REGISTER SIPp sent with its Authorization, from its message trace (blocks between dashed lines). */
  private static String authorizedRegister(String trace) {
    return Arrays.stream(trace.split("\n-{10,}[^\n]*\n"))
        .map(block -> block.substring(Math.max(0, block.indexOf("REGISTER sip:"))))
        .filter(block -> block.startsWith("REGISTER sip:") && block.contains("Authorization: Digest"))
        .findFirst().orElseThrow(() -> new AssertionError("no authorized REGISTER in the trace:\n" + trace))
        .strip();
  }

  /** The captured request as an attacker sends it: only Via, Contact and CSeq changed; Authorization as is. */
  private static String replay(String captured, String attackerHost, String contact, int cseq) {
    StringBuilder out = new StringBuilder();
    for (String line : captured.split("\r?\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        break;
      }
      if (l.startsWith("Via:")) {
        l = "Via: SIP/2.0/UDP " + attackerHost + ":5060;branch=z9hG4bKreplay" + cseq + ";rport";
      } else if (l.startsWith("Contact:")) {
        l = "Contact: <" + contact + ">";
      } else if (l.startsWith("CSeq:")) {
        l = "CSeq: " + cseq + " REGISTER";
      }
      out.append(l).append("\r\n");
    }
    return out.append("\r\n").toString();
  }

  /** Sends {@code request} from {@code host} and returns the final status of the answer. */
  private static int send(String host, int gatewayPort, String request) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
      byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", gatewayPort)));
      socket.setSoTimeout(10_000); // the failure bound: the gateway answers in milliseconds
      byte[] buffer = new byte[65536];
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("^SIP/2\\.0 (\\d{3})").matcher(response);
        if (m.find() && Integer.parseInt(m.group(1)) >= 200) {
          return Integer.parseInt(m.group(1));
        }
      }
    }
  }

  private static void assertStatus(List<Integer> allowed, int status, String what) {
    assertTrue(allowed.contains(status), what + " answered " + status);
  }
}
