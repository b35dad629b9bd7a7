package io.voicegateway.transport;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;

/** Datagram handling every leg socket shares. */
final class Datagrams {
  /** The largest datagram a leg socket takes (RTP or RTCP); anything larger is dropped as bad input. */
  static final int MAX_DATAGRAM = 2048;
  /** The largest RTCP compound packet a leg writes. */
  static final int MAX_RTCP_OUT = 512;

  /*
   * Issue 13: a datagram is copied into an array, handled to the end and forgotten within one call on its event
   * loop (the jitter buffer copies the payload it keeps), so one array per thread serves every socket that thread
   * reads, instead of 2 × 2 KB (RTP, RTCP) plus 512 bytes (RTCP out) held by every leg. Netty's FastThreadLocal is
   * an indexed read on Vert.x's event-loop threads; any other thread gets its own arrays, so no two threads share.
   */
  private static final FastThreadLocal<byte[]> RECEIVE = new FastThreadLocal<>() {
    @Override
    protected byte[] initialValue() {
      return new byte[MAX_DATAGRAM];
    }
  };
  private static final FastThreadLocal<byte[]> RTCP_OUT = new FastThreadLocal<>() {
    @Override
    protected byte[] initialValue() {
      return new byte[MAX_RTCP_OUT];
    }
  };

  private Datagrams() {}

  /** This thread's receive array: valid until this thread handles its next datagram. */
  static byte[] receiveArray() {
    return RECEIVE.get();
  }

  /** This thread's array to write an RTCP packet into (sends copy it before returning). */
  static byte[] rtcpOutArray() {
    return RTCP_OUT.get();
  }

  /** Copies the datagram into a reused array; -1 (nothing copied) when it does not fit. */
  static int copy(DatagramPacket datagram, byte[] into) {
    Buffer data = datagram.data();
    int len = data.length();
    if (len > into.length) {
      return -1;
    }
    data.getBytes(0, len, into, 0);
    return len;
  }
}
