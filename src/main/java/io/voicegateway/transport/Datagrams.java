package io.voicegateway.transport;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;

/** Datagram handling every leg socket shares. */
final class Datagrams {
  private Datagrams() {}

  /** Copies the datagram into the socket's reused array; -1 (nothing copied) when it does not fit. */
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
