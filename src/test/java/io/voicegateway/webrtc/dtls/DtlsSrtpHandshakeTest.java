package io.voicegateway.webrtc.dtls;

import io.voicegateway.webrtc.srtp.SrtpProfile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server against a BC DTLS client in the same JVM, over an in-memory pair of transports. */
class DtlsSrtpHandshakeTest {

  private static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate("gateway");
  private static final DtlsCertificate BROWSER_CERT = DtlsCertificate.generate("browser");
  private static final int[] BROWSER_PROFILES = {
      SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};

  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final List<byte[]> clientDatagrams = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicReference<org.bouncycastle.tls.DTLSTransport> clientDtls =
      new java.util.concurrent.atomic.AtomicReference<>();

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  @Test
  void bothSidesDeriveTheSameKeysForOppositeDirections() throws Exception {
    Result r = run(new TestDtlsClient(BROWSER_CERT, BROWSER_PROFILES, SERVER_CERT.fingerprint()),
        BROWSER_CERT.fingerprint(), DtlsSrtpHandshake.Settings.defaults(), 1200);

    SrtpKeys server = r.server.get(20, TimeUnit.SECONDS);
    SrtpKeys client = r.client.get(20, TimeUnit.SECONDS);
    assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, server.profile(), "our preference order decides");
    assertEquals(server.profile(), client.profile());
    assertArrayEquals(client.localKey(), server.remoteKey());
    assertArrayEquals(client.localSalt(), server.remoteSalt());
    assertArrayEquals(client.remoteKey(), server.localKey());
    assertArrayEquals(client.remoteSalt(), server.localSalt());
    assertEquals(16, server.localKey().length);
    assertFalse(java.util.Arrays.equals(server.localKey(), server.remoteKey()), "each direction has its own key");
    assertEquals(14, server.localSalt().length);
    assertEquals(ProtocolVersion.DTLSv12, r.clientPeer.negotiatedVersion());
  }

  @Test
  void theBrowsersCloseNotifyAfterTheHandshakeIsReported() throws Exception {
    Result r = run(new TestDtlsClient(BROWSER_CERT, BROWSER_PROFILES, SERVER_CERT.fingerprint()),
        BROWSER_CERT.fingerprint(), DtlsSrtpHandshake.Settings.defaults(), 1200);
    r.server.get(20, TimeUnit.SECONDS);
    r.client.get(20, TimeUnit.SECONDS);
    assertFalse(r.handshake.closedByPeer().isDone());

    clientDtls.get().close();

    r.handshake.closedByPeer().get(20, TimeUnit.SECONDS);
  }

  /**
   * Chromium lists DTLS 1.3 and 1.2 in supported_versions. BC's client cannot offer 1.3, so a real BC
   * ClientHello is given that extension by hand; the server must answer with a DTLS 1.2 ServerHello.
   */
  @Test
  void aClientHelloOfferingDtls13And12IsAnsweredWithDtls12() throws Exception {
    CompletableFuture<byte[]> clientHello = new CompletableFuture<>();
    PacketQueueTransport captured = new PacketQueueTransport(clientHello::complete, 1200);
    workers.execute(() -> {
      try {
        new DTLSClientProtocol().connect(new TestDtlsClient(BROWSER_CERT, BROWSER_PROFILES, SERVER_CERT.fingerprint()),
            captured);
      } catch (java.io.IOException expected) {
        // the capture never answers; the transport is closed below
      }
    });
    byte[] offering13 = ClientHellos.withSupportedVersions(clientHello.get(20, TimeUnit.SECONDS), 0xfefc, 0xfefd);
    captured.close();
    CompletableFuture<byte[]> serverHello = new CompletableFuture<>();
    DtlsSrtpHandshake server = new DtlsSrtpHandshake(SERVER_CERT, BROWSER_CERT.fingerprint(), serverHello::complete,
        workers, DtlsSrtpHandshake.Settings.defaults());
    server.start();

    server.offer(offering13);

    byte[] answer = serverHello.get(20, TimeUnit.SECONDS);
    assertEquals(22, answer[0], "a handshake record, not an alert");
    assertEquals(2, answer[13], "a ServerHello");
    assertEquals(0xfefd, (answer[25] & 0xff) << 8 | (answer[26] & 0xff), "DTLS 1.2 chosen");
    server.close();
  }

  @Test
  void gcmIsNegotiatedWhenItIsOurChoice() throws Exception {
    DtlsSrtpHandshake.Settings gcmFirst = new DtlsSrtpHandshake.Settings(
        List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80), Duration.ofSeconds(20), 1200);
    Result r = run(new TestDtlsClient(BROWSER_CERT, BROWSER_PROFILES, SERVER_CERT.fingerprint()),
        BROWSER_CERT.fingerprint(), gcmFirst, 1200);

    SrtpKeys server = r.server.get(20, TimeUnit.SECONDS);
    SrtpKeys client = r.client.get(20, TimeUnit.SECONDS);
    assertEquals(SrtpProfile.AEAD_AES_128_GCM, server.profile());
    assertEquals(12, server.localSalt().length);
    assertArrayEquals(client.localKey(), server.remoteKey());
    assertArrayEquals(client.remoteSalt(), server.localSalt());
  }

  @Test
  void aCertificateThatIsNotTheOneInTheSdpIsRefused() {
    DtlsCertificate stranger = DtlsCertificate.generate("stranger");
    Result r = run(new TestDtlsClient(stranger, BROWSER_PROFILES, SERVER_CERT.fingerprint()),
        BROWSER_CERT.fingerprint(), DtlsSrtpHandshake.Settings.defaults(), 1200);

    assertRefused(r.server, "fingerprint " + stranger.fingerprint().toSdp() + " but the SDP said "
        + BROWSER_CERT.fingerprint().toSdp());
    assertFails(r.client);
  }

  @Test
  void aClientWithoutACertificateIsRefused() {
    Result r = run(new TestDtlsClient(null, BROWSER_PROFILES, SERVER_CERT.fingerprint()),
        BROWSER_CERT.fingerprint(), DtlsSrtpHandshake.Settings.defaults(), 1200);

    assertRefused(r.server, "sent no certificate");
    assertFails(r.client);
  }

  @Test
  void aClientThatOffersNoUseSrtpIsRefused() {
    Result r = run(new TestDtlsClient(BROWSER_CERT, null, SERVER_CERT.fingerprint()),
        BROWSER_CERT.fingerprint(), DtlsSrtpHandshake.Settings.defaults(), 1200);

    assertRefused(r.server, "no use_srtp");
    assertFails(r.client);
  }

  @Test
  void aClientWithNoProfileInCommonIsRefused() {
    Result r = run(new TestDtlsClient(BROWSER_CERT, new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32},
        SERVER_CERT.fingerprint()), BROWSER_CERT.fingerprint(), DtlsSrtpHandshake.Settings.defaults(), 1200);

    assertRefused(r.server, "include none of ours");
    assertFails(r.client);
  }

  @Test
  void aSilentPeerFailsTheHandshakeAfterTheTimeout() {
    DtlsSrtpHandshake server = new DtlsSrtpHandshake(SERVER_CERT, BROWSER_CERT.fingerprint(), datagram -> { },
        workers, DtlsSrtpHandshake.Settings.defaults().withTimeout(Duration.ofMillis(300)));

    CompletableFuture<SrtpKeys> keys = server.start();

    assertRefusedWith(keys, "did not complete within 300 ms");
  }

  @Test
  void closeEndsAWaitingHandshake() {
    DtlsSrtpHandshake server = new DtlsSrtpHandshake(SERVER_CERT, BROWSER_CERT.fingerprint(), datagram -> { },
        workers, DtlsSrtpHandshake.Settings.defaults());
    CompletableFuture<SrtpKeys> keys = server.start();

    server.close();

    assertRefusedWith(keys, "closed");
    assertFalse(server.offer(new byte[] {22}), "a closed handshake takes no more datagrams");
  }

  @Test
  void aClientHelloInSeveralFragmentsIsAccepted() throws Exception {
    Result r = run(new TestDtlsClient(BROWSER_CERT, BROWSER_PROFILES, SERVER_CERT.fingerprint()),
        BROWSER_CERT.fingerprint(), DtlsSrtpHandshake.Settings.defaults(), 200);

    SrtpKeys server = r.server.get(20, TimeUnit.SECONDS);
    assertArrayEquals(r.client.get(20, TimeUnit.SECONDS).localKey(), server.remoteKey());
    byte[] first = clientDatagrams.get(0);
    assertEquals(22, first[0], "a handshake record");
    assertEquals(1, first[13], "carrying the ClientHello");
    int messageLength = u24(first, 14);
    int fragmentLength = u24(first, 22);
    assertTrue(fragmentLength < messageLength, "the ClientHello was split: " + fragmentLength + " of " + messageLength);
  }

  @Test
  void ourLostLastFlightIsSentAgainWhenTheBrowserRetransmitsAfterTheHandshake() throws Exception {
    CompletableFuture<?>[] serverDone = new CompletableFuture<?>[1];
    java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
    // The server's final flight (ChangeCipherSpec, then epoch-1 Finished) is lost the first time.
    Result r = run(new TestDtlsClient(BROWSER_CERT, BROWSER_PROFILES, SERVER_CERT.fingerprint()),
        BROWSER_CERT.fingerprint(), DtlsSrtpHandshake.Settings.defaults(), 1200, datagram -> {
          boolean finalFlight = datagram[0] == 20 || (datagram[3] | datagram[4]) != 0;
          boolean lose = finalFlight && (serverDone[0] == null || !serverDone[0].isDone());
          if (lose) {
            lost.incrementAndGet();
          }
          return lose;
        });
    serverDone[0] = r.server;

    SrtpKeys server = r.server.get(20, TimeUnit.SECONDS);
    SrtpKeys client = r.client.get(20, TimeUnit.SECONDS);
    assertTrue(lost.get() > 0, "the final flight was dropped");
    assertArrayEquals(client.localKey(), server.remoteKey());
  }

  private record Result(CompletableFuture<SrtpKeys> server, CompletableFuture<SrtpKeys> client, TestDtlsClient clientPeer,
      DtlsSrtpHandshake handshake) { }

  /** Wires server and client back to back; the client's datagrams are kept for inspection. */
  private Result run(TestDtlsClient client, CertificateFingerprint expectedBrowser,
      DtlsSrtpHandshake.Settings settings, int clientMtu) {
    return run(client, expectedBrowser, settings, clientMtu, datagram -> false);
  }

  private Result run(TestDtlsClient client, CertificateFingerprint expectedBrowser,
      DtlsSrtpHandshake.Settings settings, int clientMtu, java.util.function.Predicate<byte[]> loseFromServer) {
    DtlsSrtpHandshake[] serverRef = new DtlsSrtpHandshake[1];
    Consumer<byte[]> toServer = datagram -> {
      clientDatagrams.add(datagram);
      serverRef[0].offer(datagram);
    };
    PacketQueueTransport clientTransport = new PacketQueueTransport(toServer, clientMtu);
    Consumer<byte[]> toClient = datagram -> {
      if (!loseFromServer.test(datagram)) {
        clientTransport.offer(datagram);
      }
    };
    serverRef[0] = new DtlsSrtpHandshake(SERVER_CERT, expectedBrowser, toClient, workers, settings);
    CompletableFuture<SrtpKeys> serverKeys = serverRef[0].start();
    CompletableFuture<SrtpKeys> clientKeys = CompletableFuture.supplyAsync(() -> {
      try {
        clientDtls.set(new DTLSClientProtocol().connect(client, clientTransport));
        return client.keys();
      } catch (java.io.IOException e) {
        clientTransport.close();
        throw new java.util.concurrent.CompletionException(e);
      }
    }, workers);
    return new Result(serverKeys, clientKeys, client, serverRef[0]);
  }

  private static void assertRefused(CompletableFuture<SrtpKeys> keys, String why) {
    assertRefusedWith(keys, "refused: ");
    assertRefusedWith(keys, why);
  }

  private static void assertRefusedWith(CompletableFuture<SrtpKeys> keys, String why) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> keys.get(20, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof DtlsHandshakeException, () -> "failed with " + e.getCause());
    assertTrue(e.getCause().getMessage().contains(why), () -> "'" + e.getCause().getMessage() + "' says '" + why + "'");
  }

  private static void assertFails(CompletableFuture<SrtpKeys> keys) {
    assertThrows(ExecutionException.class, () -> keys.get(20, TimeUnit.SECONDS));
  }

  private static int u24(byte[] b, int at) {
    return (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff);
  }
}
