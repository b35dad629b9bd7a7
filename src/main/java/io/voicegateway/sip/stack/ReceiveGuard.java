package io.voicegateway.sip.stack;

import java.net.InetAddress;
import java.util.function.IntSupplier;

/**
 * What the SIP receive path asks before a datagram is queued for the stack, and where it reports garbage. The
 * guards themselves live in {@code sip/guard}; this interface keeps the stack free of them (no package cycle).
 */
public interface ReceiveGuard {
  /** Admits everything, with JAIN-SIP's queue unbounded as before and the 64 KB datagram buffer. */
  ReceiveGuard OPEN = new ReceiveGuard() {
    @Override
    public boolean admit(InetAddress source, boolean invite) {
      return true;
    }

    @Override
    public int queueCapacity() {
      return Integer.MAX_VALUE;
    }

    @Override
    public int maxDatagram() {
      return 65_535;
    }
  };

  /** Whether one datagram from {@code source} may be queued; {@code invite} when it starts a new INVITE. */
  boolean admit(InetAddress source, boolean invite);

  /**
   * Whether a TCP, TLS or WebSocket connection just accepted from {@code source} may stay open; when this answers
   * true, {@link #connectionClosed} must follow once the connection is gone.
   */
  default boolean openConnection(InetAddress source) {
    return true;
  }

  /** Whether {@code source} is banned now (a stream connection it floods over is then closed). */
  default boolean banned(InetAddress source) {
    return false;
  }

  /** A connection {@link #openConnection} let stay open is gone. */
  default void connectionClosed(InetAddress source) {}

  /** A datagram from {@code source} failed to parse or failed the raw checks. */
  default void garbage(InetAddress source) {}

  /** A datagram was dropped because the queue was full. */
  default void queueFull() {}

  /** The receive queue, once it exists (its depth is an overload signal). */
  default void watchQueue(IntSupplier depth) {}

  /** Where the stack counts the SIP responses it sends and receives ({@code vg_sip_responses_total}). */
  default SipResponseCounts responses() {
    return SipResponseCounts.UNREAD;
  }

  /** Datagrams that may wait for the stack at most. */
  int queueCapacity();

  /** The receive buffer for one datagram, in bytes. */
  int maxDatagram();
}
