package io.voicegateway.bench.stream;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;

/** One call of the load: its SIP dialog, its RTP socket and the markers sent and seen in both directions. */
final class Call {
  final int index;
  final String sipCallId;
  final String fromTag;
  final DatagramChannel rtp;
  final int rtpPort;
  final CompletableFuture<Void> answered = new CompletableFuture<>();
  final CompletableFuture<Void> ended = new CompletableFuture<>();
  // SIP dialog, written by the SIP reader before `answered` completes.
  volatile String toHeader;
  volatile String remoteTarget;
  volatile InetSocketAddress gatewayRtp;
  volatile boolean hungUpByGateway;
  // When the harness last sent a marker into the call: in its RTP, in its WebSocket media.
  volatile long lastRtpMarkerNs;
  volatile long lastWsMarkerNs;
  /** Bursts in what the gateway sends back: RTP (receiver thread) and WebSocket media (the socket's event loop). */
  final Markers.Onsets rtpOnsets = new Markers.Onsets();
  final Markers.Onsets wsOnsets = new Markers.Onsets();
  long lastChunk;
  /** The marker each direction's last burst was matched to (each written by its one reader). */
  long rtpMatchedNs;
  long wsMatchedNs;

  Call(int index, DatagramChannel rtp, int rtpPort) {
    this.index = index;
    this.sipCallId = "bench-" + index + "-" + Long.toHexString(System.nanoTime()) + "@127.0.0.1";
    this.fromTag = "b" + index + "t" + Long.toHexString(System.nanoTime() & 0xffffff);
    this.rtp = rtp;
    this.rtpPort = rtpPort;
  }
}
