package io.voicegateway.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds loopback ports free for both UDP and TCP, so parallel test runs never collide. A port handed out is not
 * handed out again for {@link #REUSE_AFTER_NANOS}: a port only checked free is not yet bound, and a later request
 * (the SIP port after the RTP range, say) could otherwise land inside an earlier block. After that it may be reused:
 * a whole interop run hands out tens of thousands of ports, more than the range holds in blocks.
 */
public final class FreePorts {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int FIRST = 20000;
  private static final int LAST = 60000;
  /** Long past any one test's set-up: by then its ports are bound, or closed with the test. */
  static final long REUSE_AFTER_NANOS = 10L * 60 * 1_000_000_000L;
  /** When each port was handed out (System.nanoTime), 0 when never. */
  private static final long[] HANDED_OUT_AT = new long[65536];

  private FreePorts() {}

  /** A port free on 127.0.0.1 for UDP and TCP. */
  public static int udpAndTcp() {
    return block(1);
  }

  /**
   * The first of {@code count} consecutive ports, all free for UDP and TCP, starting at an even port
   * (RTP ranges and baresip, which also binds TLS on the SIP port + 1, need such blocks). Every even start in the
   * range is tried once, from a random one on.
   */
  public static synchronized int block(int count) {
    long now = System.nanoTime();
    int starts = (LAST - FIRST) / 2;
    int first = ThreadLocalRandom.current().nextInt(0, starts);
    for (int i = 0; i < starts; i++) {
      int start = FIRST + 2 * ((first + i) % starts);
      if (start + count <= 65536 && notRecentlyHandedOut(start, count, now) && allFree(start, count)) {
        for (int p = start; p < start + count; p++) {
          HANDED_OUT_AT[p] = now;
        }
        return start;
      }
    }
    throw new IllegalStateException("no block of " + count + " free ports found");
  }

  private static boolean notRecentlyHandedOut(int start, int count, long now) {
    for (int p = start; p < start + count; p++) {
      long at = HANDED_OUT_AT[p];
      if (at != 0 && now - at < REUSE_AFTER_NANOS) {
        return false;
      }
    }
    return true;
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
