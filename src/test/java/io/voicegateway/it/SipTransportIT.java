package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voicegateway.bus.CallEventType;
import io.voicegateway.it.support.FreePorts;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.it.support.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIP over TCP and TLS: a call over TCP, OPTIONS over TLS with a self-signed certificate made by openssl. */
class SipTransportIT {
  @TempDir
  Path dir;
  private GatewayUnderTest gw;
  private Path cert;
  private Path key;

  @BeforeEach
  void start() throws Exception {
    SippRunner.requireSipp();
    makeCertificate();
    gw = new GatewayUnderTest(TestConfigs.gateway(TestConfigs.media(FreePorts.find(true),
        List.of("udp", "tcp", "tls"), cert.toString(), key.toString(), List.of(), Duration.ofSeconds(30))));
  }

  @AfterEach
  void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  /** A self-signed RSA certificate for 127.0.0.1 with a PKCS#8 key, as the configuration takes it. */
  private void makeCertificate() throws Exception {
    cert = dir.resolve("cert.pem");
    key = dir.resolve("key.pem");
    Process p;
    try {
      p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
          "-subj", "/CN=127.0.0.1", "-keyout", key.toString(), "-out", cert.toString())
          .redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("openssl is not installed and CI=true");
      }
      assumeTrue(false, "openssl not installed");
      return;
    }
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl made the certificate");
    assertTrue(Files.readString(key).contains("BEGIN PRIVATE KEY"), "PKCS#8 key");
  }

  /**
   * The Debian sipp is built without OpenSSL ("-t l1" is refused), so the TLS client is a plain JSSE socket
   * that trusts exactly the certificate openssl made: the handshake itself checks the gateway presents it.
   */
  @Test
  void optionsOverTls() throws Exception {
    int tlsPort = gw.port() + 1; // TLS takes the next port when TCP is configured too
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(cert)) {
      trust.setCertificateEntry("gateway",
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) ssl.getSocketFactory()
        .createSocket("127.0.0.1", tlsPort)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      String options = "OPTIONS sip:gateway@127.0.0.1:" + tlsPort + ";transport=tls SIP/2.0\r\n"
          + "Via: SIP/2.0/TLS 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-tls-1;rport\r\n"
          + "Max-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:gateway@127.0.0.1>\r\n"
          + "Call-ID: tls-options-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
      socket.getOutputStream().write(options.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      StringBuilder reply = new StringBuilder();
      var in = socket.getInputStream();
      while (!reply.toString().contains("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        reply.append((char) b);
      }
      String text = reply.toString();
      assertTrue(text.startsWith("SIP/2.0 200"), text);
      assertTrue(text.matches("(?s).*\r\nAllow: [^\r]*INVITE[^\r]*\r\n.*"), text);
      assertTrue(text.contains("transport=tls"), "Contact names TLS: " + text);
    }
  }

  @Test
  void echoCallOverTcp() throws Exception {
    SippRunner.Result r = SippRunner.builtin("uac").args("-s", "echo", "-t", "t1").run(gw.target(), 1, 1, 1);
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(1, r.successful(), r.toString());
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.media.count(CallEventType.CALL_TERMINATED) == 1));
    assertEquals(1, gw.media.count(CallEventType.CALL_CONNECTED));
  }
}
