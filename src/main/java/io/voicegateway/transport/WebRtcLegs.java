package io.voicegateway.transport;

import io.voicegateway.webrtc.dtls.DtlsCertificate;
import io.voicegateway.webrtc.dtls.DtlsSrtpHandshake;
import io.voicegateway.webrtc.ice.ConsentFreshness;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the browser legs of every RTP verticle instance share: the open legs by id (a re-offer may reach another
 * instance than the one that bound the port), the DTLS certificate, the threads the blocking Bouncy Castle
 * handshakes run on, and the consent timeout.
 */
final class WebRtcLegs {
  private final Map<String, WebRtcLegSocket> sockets = new ConcurrentHashMap<>();
  private final DtlsSrtpHandshake.Settings dtlsSettings;
  private final long consentTimeoutMillis;

  WebRtcLegs(DtlsSrtpHandshake.Settings dtlsSettings, long consentTimeoutMillis) {
    this.dtlsSettings = dtlsSettings;
    this.consentTimeoutMillis = consentTimeoutMillis;
  }

  /** RFC 7675's 30 s consent, Bouncy Castle's defaults (AES-CM first, 30 s handshake, 1200-byte datagrams). */
  static WebRtcLegs defaults() {
    return new WebRtcLegs(DtlsSrtpHandshake.Settings.defaults(), ConsentFreshness.DEFAULT_TIMEOUT_MILLIS);
  }

  /** Self-signed, made once per process (RFC 8827 §6.5: the SDP fingerprint authenticates it, not a CA). */
  DtlsCertificate certificate() {
    return Shared.CERTIFICATE;
  }

  /**
   * A handshake holds a thread while it waits for the browser's flights (at most {@link #dtlsSettings}' timeout),
   * so it runs on these daemon threads, neither an event loop nor Vert.x's worker pool that blocking file and
   * database work queue on; idle threads go after a minute.
   */
  Executor dtlsWorker() {
    return Shared.DTLS_WORKER;
  }

  DtlsSrtpHandshake.Settings dtlsSettings() {
    return dtlsSettings;
  }

  long consentTimeoutMillis() {
    return consentTimeoutMillis;
  }

  WebRtcLegSocket get(String legId) {
    return sockets.get(legId);
  }

  /** False when the id is taken. */
  boolean add(String legId, WebRtcLegSocket socket) {
    return sockets.putIfAbsent(legId, socket) == null;
  }

  void remove(String legId, WebRtcLegSocket socket) {
    sockets.remove(legId, socket);
  }

  int size() {
    return sockets.size();
  }

  /** Made on first use (key generation and Bouncy Castle's class loading: tens of ms, once). */
  private static final class Shared {
    static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate("voice-gateway");
    static final ExecutorService DTLS_WORKER = Executors.newCachedThreadPool(new DaemonThreads());
  }

  private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread t = new Thread(task, "vg-dtls-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
