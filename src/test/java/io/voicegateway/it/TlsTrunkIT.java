package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.support.SippRunner;
import io.voicegateway.sip.stack.PemKeyStore;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as a TLS client, registering to a trunk with {@code transport: tls}: the trunk (a JSSE server)
 * presents a certificate issued by a private CA. With that CA in {@code media.sip_tls_ca} the handshake
 * verifies and the REGISTER arrives over TLS; without it the gateway refuses the certificate. A trunk that
 * accepts the TCP connection but never answers the handshake holds up nothing else. (The Debian SIPp has
 * no TLS, hence JSSE; openssl makes the CA and the certificates.)
 */
class TlsTrunkIT {
  @TempDir
  Path dir;

  private void openssl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    Tools.run(command);
  }

  /** A test CA, a trunk certificate for 127.0.0.1 it issued, and the gateway's own self-signed one. */
  @BeforeEach
  void certificates() throws Exception {
    Tools.require("openssl");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Voice Gateway Test CA",
        "-keyout", dir.resolve("ca.key").toString(), "-out", dir.resolve("ca.pem").toString());
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
        "-keyout", dir.resolve("trunk.key").toString(), "-out", dir.resolve("trunk.csr").toString());
    Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\n");
    openssl("x509", "-req", "-in", dir.resolve("trunk.csr").toString(), "-CA", dir.resolve("ca.pem").toString(),
        "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "1",
        "-extfile", dir.resolve("san.cnf").toString(), "-out", dir.resolve("trunk.pem").toString());
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
        "-keyout", dir.resolve("gw.key").toString(), "-out", dir.resolve("gw.pem").toString());
  }

  /** The trunk's TLS listener, with its CA-issued certificate. */
  private SSLServerSocket trunk() throws Exception {
    PemKeyStore.Written store = PemKeyStore.write(dir.resolve("trunk.pem"), dir.resolve("trunk.key"));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.file().toFile())) {
      keys.load(in, store.password().toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, store.password().toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
        .createServerSocket(FreePorts.udpAndTcp(), 5, InetAddress.getByName("127.0.0.1"));
    server.setSoTimeout(20_000);
    return server;
  }

  private GatewayFixture gateway(int trunkPort, boolean trustTheCa) throws Exception {
    String media = String.join("\n",
        "  sip_transport: [udp, tcp, tls]",
        "  sip_tls_cert: " + dir.resolve("gw.pem"),
        "  sip_tls_key: " + dir.resolve("gw.key"),
        trustTheCa ? "  sip_tls_ca: " + dir.resolve("ca.pem") : "",
        "  keepalive_interval: 1h");
    return GatewayFixture.start(media, String.join("\n",
        "providers:",
        "  - id: secure",
        "    host: 127.0.0.1",
        "    port: " + trunkPort,
        "    transport: tls",
        "    username: gw",
        "    password: secret",
        "    register: true"));
  }

  /**
   * Accepts the gateway's connection in the background (the gateway connects while it starts), completes the
   * TLS handshake and returns the first request's head, up to the blank line; fails as the handshake does.
   */
  private static CompletableFuture<String> firstRequest(SSLServerSocket server) {
    return CompletableFuture.supplyAsync(() -> {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.setSoTimeout(20_000);
        try {
          socket.startHandshake();
        } catch (IOException e) { // the client's alert, or its socket closed mid-handshake
          throw new SSLHandshakeException("handshake failed: " + e);
        }
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          head.write(b);
        }
        return head.toString();
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    });
  }

  @Test
  void aTrunkCertificateFromTheConfiguredCaIsTrustedAndTheRegisterArrivesOverTls() throws Exception {
    try (SSLServerSocket server = trunk()) {
      CompletableFuture<String> request = firstRequest(server);
      try (GatewayFixture gw = gateway(server.getLocalPort(), true)) {
        String register = request.get(30, TimeUnit.SECONDS);
        assertTrue(register.startsWith("REGISTER sip:"), "the REGISTER over TLS:\n" + register);
        assertTrue(register.contains("Via: SIP/2.0/TLS"), "sent on the TLS transport:\n" + register);
      }
    }
  }

  @Test
  void withoutTheCaTheGatewayRefusesTheTrunksCertificate() throws Exception {
    try (SSLServerSocket server = trunk()) {
      CompletableFuture<String> request = firstRequest(server);
      try (GatewayFixture gw = gateway(server.getLocalPort(), false)) {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> request.get(30, TimeUnit.SECONDS),
            "the gateway must not talk to a trunk whose certificate it cannot verify");
        assertTrue(refused.getCause() instanceof SSLHandshakeException, "a failed handshake: " + refused);
      }
    }
  }

  @Test
  void aTrunkThatNeverAnswersTheHandshakeStallsNoOtherSignalling() throws Exception {
    SippRunner.requireSipp();
    try (ServerSocket silent = new ServerSocket(FreePorts.udpAndTcp(), 5, InetAddress.getByName("127.0.0.1"))) {
      CompletableFuture<Socket> held = CompletableFuture.supplyAsync(() -> {
        try {
          return silent.accept(); // and never a ServerHello: the gateway's handshake waits
        } catch (IOException e) {
          throw new CompletionException(e);
        }
      });
      try (GatewayFixture gw = gateway(silent.getLocalPort(), true)) {
        try (Socket connection = held.get(30, TimeUnit.SECONDS)) {
          SippRunner.Result options = SippRunner.scenario("options.xml").args("-s", "gateway")
              .run(gw.target(), 3, 1, 10);
          assertEquals(3, options.successful(), "UDP signalling goes on while the TLS connect hangs: " + options);
        }
      }
    }
  }
}
