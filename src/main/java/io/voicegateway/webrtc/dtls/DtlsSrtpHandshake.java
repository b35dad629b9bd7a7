package io.voicegateway.webrtc.dtls;

import io.voicegateway.webrtc.srtp.SrtpProfile;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One browser leg's DTLS-SRTP handshake (RFC 5763/5764) with the gateway as DTLS server
 * ({@code a=setup:passive}): datagrams in through {@link #offer}, datagrams out through the sender,
 * and the SRTP keys for both directions as the result.
 *
 * <p>DTLS is done with Bouncy Castle rather than by hand: a handshake state machine with
 * retransmission, fragment reassembly, ECDHE, certificate verify and the exporter is security code
 * that a library maintained for it gets right, and the JDK's SSLEngine has no use_srtp.
 *
 * <p>BC's handshake blocks on its transport, so it runs on the worker Executor given here (never an
 * event loop); {@link #offer} and {@link #close} never block and may be called from any thread.
 */
public final class DtlsSrtpHandshake {

  /**
   * What to negotiate and how long to wait. {@code profiles} in our order of preference; {@code timeout}
   * bounds the whole handshake (a silent or stuck peer fails it); {@code mtu} caps each datagram we send
   * (BC fragments handshake messages to fit).
   */
  public record Settings(List<SrtpProfile> profiles, Duration timeout, int mtu) {
    public Settings {
      profiles = List.copyOf(profiles);
      if (profiles.isEmpty()) {
        throw new IllegalArgumentException("at least one SRTP profile");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      if (mtu < 256) {
        throw new IllegalArgumentException("mtu below 256 cannot carry a DTLS record");
      }
    }

    /**
     * AES-CM first: every SRTP stack and browser has it; GCM second. 30 s is what ICE consent allows a
     * silent browser too. 1200 bytes keeps a datagram whole on any path (IPv6 minimum less headers).
     */
    public static Settings defaults() {
      return new Settings(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM),
          Duration.ofSeconds(30), 1200);
    }

    public Settings withTimeout(Duration newTimeout) {
      return new Settings(profiles, newTimeout, mtu);
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DtlsCertificate certificate;
  private final CertificateFingerprint expectedPeer;
  private final Executor worker;
  private final Settings settings;
  private final PacketQueueTransport transport;
  private final CompletableFuture<SrtpKeys> keys = new CompletableFuture<>();
  private final CompletableFuture<Void> closedByPeer = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Object receiveLock = new Object();
  private volatile DTLSTransport established;
  /** How long one read after the handshake may wait: only runs when a datagram is queued, on the worker. */
  private static final int READ_WAIT_MS = 100;

  public DtlsSrtpHandshake(DtlsCertificate certificate, CertificateFingerprint expectedPeer,
      Consumer<byte[]> sender, Executor worker, Settings settings) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.expectedPeer = Objects.requireNonNull(expectedPeer, "expectedPeer");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.transport = new PacketQueueTransport(Objects.requireNonNull(sender, "sender"), settings.mtu());
  }

  /**
   * Starts the handshake on the worker; the future completes there with the keys, or fails with a
   * {@link DtlsHandshakeException} saying why. Calling it again returns the same future.
   */
  public CompletableFuture<SrtpKeys> start() {
    if (started.compareAndSet(false, true)) {
      worker.execute(this::handshake);
    }
    return keys;
  }

  /**
   * Hands in one DTLS datagram (first byte 20–63, RFC 7983) from the browser. Before the handshake ends
   * it feeds the handshake; after it, a datagram is most likely the browser's retransmitted last flight
   * (ours was lost), which BC answers when it reads it, so a short read is run on the worker.
   * Returns false when the datagram was dropped (closed, or too many queued).
   */
  public boolean offer(byte[] datagram) {
    boolean queued = transport.offer(datagram);
    if (queued && established != null) {
      worker.execute(this::readAfterHandshake);
    }
    return queued;
  }

  /** Completes when the browser closes DTLS (close_notify or a fatal alert) after the handshake. */
  public CompletableFuture<Void> closedByPeer() {
    return closedByPeer;
  }

  /** Ends the handshake (its future fails) or the association; no close_notify is sent. */
  public void close() {
    transport.close();
    keys.completeExceptionally(new DtlsHandshakeException("DTLS handshake closed before it completed"));
  }

  private void handshake() {
    SrtpDtlsServer server = new SrtpDtlsServer(new BcTlsCrypto(RANDOM), certificate, expectedPeer,
        settings.profiles(), (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()), this::closedAfterHandshake);
    DTLSServerProtocol protocol = new DTLSServerProtocol();
    // No HelloVerifyRequest: ICE has already proved the peer owns its address, and the cookie exchange
    // cannot take Chromium's ClientHello, which is large enough to arrive in two fragments.
    protocol.setVerifyRequests(false);
    try {
      DTLSTransport dtls = protocol.accept(server, transport);
      established = dtls;
      keys.complete(server.keys());
    } catch (IOException | RuntimeException e) {
      transport.close();
      keys.completeExceptionally(explain(server, e));
    }
  }

  private DtlsHandshakeException explain(SrtpDtlsServer server, Exception e) {
    if (server.refusal() != null) {
      return new DtlsHandshakeException("DTLS handshake refused: " + server.refusal(), e);
    }
    if (e instanceof TlsFatalAlertReceived received) {
      return new DtlsHandshakeException("DTLS handshake ended by the peer: " + received.getMessage(), e);
    }
    if (isTimeout(e)) {
      return new DtlsHandshakeException("DTLS handshake did not complete within " + settings.timeout().toMillis()
          + " ms (the browser went silent or its packets are not arriving)", e);
    }
    return new DtlsHandshakeException("DTLS handshake failed: " + e.getMessage(), e);
  }

  /** BC ends a handshake whose deadline passed with a TlsTimeoutException, possibly wrapped. */
  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TlsTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Lets BC process what came after the handshake (a retransmitted flight, an alert) without waiting. */
  private void readAfterHandshake() {
    DTLSTransport dtls = established;
    byte[] buf = new byte[PacketQueueTransport.RECEIVE_LIMIT];
    synchronized (receiveLock) {
      try {
        // Application data (a data channel) is not ours to read: it is dropped. Read while anything is queued:
        // BC returns -1 without looking at the queue when its wait has already expired (a thread descheduled
        // for a millisecond), so "until receive says -1" with a 1 ms wait could leave a close_notify unread.
        for (int left = PacketQueueTransport.QUEUE_CAPACITY; left > 0 && transport.pending(); left--) {
          dtls.receive(buf, 0, buf.length, READ_WAIT_MS);
        }
      } catch (IOException e) {
        closedAfterHandshake();
      }
    }
  }

  /** A failed handshake is reported by its own future; only an association that existed is "closed". */
  private void closedAfterHandshake() {
    if (established != null) {
      transport.close();
      closedByPeer.complete(null);
    }
  }
}
