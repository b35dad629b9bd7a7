package io.voicegateway.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds loopback ports free for both UDP and TCP, so parallel test runs never collide. A port handed out
 * once is never handed out again in this JVM: a port only checked free is not yet bound, and a later
 * request (the SIP port after the RTP range, say) could otherwise land inside an earlier block.
 */
public final class FreePorts {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final BitSet HANDED_OUT = new BitSet(65536);

  private FreePorts() {}

  /** A port free on 127.0.0.1 for UDP and TCP. */
  public static int udpAndTcp() {
    return block(1);
  }

  /**
   * The first of {@code count} consecutive ports, all free for UDP and TCP, starting at an even port
   * (RTP ranges and baresip, which also binds TLS on the SIP port + 1, need such blocks).
   */
  public static synchronized int block(int count) {
    for (int attempt = 0; attempt < 500; attempt++) {
      int start = 20000 + 2 * ThreadLocalRandom.current().nextInt(0, 20000);
      boolean unused = HANDED_OUT.nextSetBit(start) < 0 || HANDED_OUT.nextSetBit(start) >= start + count;
      if (unused && start + count <= 65536 && allFree(start, count)) {
        HANDED_OUT.set(start, start + count);
        return start;
      }
    }
    throw new IllegalStateException("no block of " + count + " free ports found");
  }

  /** Whether something (a peer process starting up) already listens on UDP {@code port} of the loopback. */
  public static boolean udpTaken(int port) {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static boolean allFree(int start, int count) {
    for (int p = start; p < start + count; p++) {
      if (!free(p)) {
        return false;
      }
    }
    return true;
  }

  private static boolean free(int port) {
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
         ServerSocket tcp = new ServerSocket()) {
      tcp.setReuseAddress(false);
      tcp.bind(new InetSocketAddress(LOOPBACK, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
