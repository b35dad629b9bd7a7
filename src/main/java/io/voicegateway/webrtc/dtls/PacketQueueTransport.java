package io.voicegateway.webrtc.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * BC's datagram transport without a socket: the media socket's reader hands DTLS datagrams in with
 * {@link #offer}, and what BC sends goes out through the sender callback (which must not block: it
 * should hand the bytes to the socket). BC's handshake blocks in {@link #receive}, so it runs on a
 * worker thread, never on an event loop.
 */
final class PacketQueueTransport implements DatagramTransport {

  /** DTLS datagrams from a browser fit a path MTU; 2 KiB leaves room without truncating one. */
  static final int RECEIVE_LIMIT = 2048;
  /** A backlog bound: a peer (or attacker) flooding DTLS cannot grow memory without limit. */
  static final int QUEUE_CAPACITY = 64;

  private final LinkedBlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final Consumer<byte[]> sender;
  private final int sendLimit;
  private volatile boolean closed;

  PacketQueueTransport(Consumer<byte[]> sender, int sendLimit) {
    this.sender = sender;
    this.sendLimit = sendLimit;
  }

  /** Hands in one received datagram; false when it was dropped (closed, or a full backlog). */
  boolean offer(byte[] datagram) {
    return !closed && inbound.offer(datagram);
  }

  /** Whether a datagram waits to be read. */
  boolean pending() {
    return !closed && !inbound.isEmpty();
  }

  @Override
  public int getReceiveLimit() {
    return RECEIVE_LIMIT;
  }

  @Override
  public int getSendLimit() {
    return sendLimit;
  }

  /** Waits up to waitMillis for a datagram; -1 when none came (BC then retransmits or times out). */
  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    if (closed) {
      throw new IOException("DTLS transport closed");
    }
    byte[] datagram;
    try {
      datagram = inbound.poll(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for DTLS");
    }
    if (closed) {
      throw new IOException("DTLS transport closed");
    }
    if (datagram == null) {
      return -1;
    }
    int n = Math.min(len, datagram.length);
    System.arraycopy(datagram, 0, buf, off, n);
    return n;
  }

  @Override
  public void send(byte[] buf, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("DTLS transport closed");
    }
    byte[] copy = new byte[len];
    System.arraycopy(buf, off, copy, 0, len);
    sender.accept(copy);
  }

  /** Ends any wait in receive within one poll and refuses further datagrams. */
  @Override
  public void close() {
    closed = true;
    inbound.clear();
    // Wakes a receive blocked in poll so it notices the close now rather than at its timeout.
    inbound.offer(new byte[0]);
  }
}
