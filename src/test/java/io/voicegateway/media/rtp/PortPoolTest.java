package io.voicegateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PortPoolTest {

  @Test
  void handsOutEvenPortsWhoseRtcpPortFitsTheRange() {
    PortPool pool = new PortPool(10001, 10010); // pairs 10002/3 … 10008/9; 10010 has no RTCP port
    assertEquals(4, pool.capacity());
    Set<Integer> got = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      int port = pool.acquire();
      assertEquals(0, port % 2);
      assertTrue(port >= 10002 && port + 1 <= 10010);
      got.add(port);
    }
    assertEquals(4, got.size());
    assertEquals(-1, pool.acquire(), "exhausted");
  }

  @Test
  void reusesReleasedPortsOldestFirstAndRefusesStrangers() {
    PortPool pool = new PortPool(20000, 20005);
    int a = pool.acquire();
    int b = pool.acquire();
    int c = pool.acquire();
    assertEquals(-1, pool.acquire());
    assertTrue(pool.release(b));
    assertFalse(pool.release(b), "double release");
    assertFalse(pool.release(a + 1), "odd port");
    assertFalse(pool.release(30000), "not ours");
    assertTrue(pool.release(a));
    assertEquals(b, pool.acquire());
    assertEquals(a, pool.acquire());
    assertTrue(pool.release(c));
    assertEquals(1, pool.available());
  }

  @Test
  void neverHandsOutAPortTwiceUnderConcurrency() throws Exception {
    PortPool pool = new PortPool(30000, 30199); // 100 pairs
    Set<Integer> held = ConcurrentHashMap.newKeySet();
    List<String> errors = new ArrayList<>();
    int threads = 8;
    ExecutorService exec = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      exec.submit(() -> {
        start.await();
        for (int i = 0; i < 20_000; i++) {
          int port = pool.acquire();
          if (port < 0) {
            continue;
          }
          if (!held.add(port)) {
            synchronized (errors) {
              errors.add("duplicate " + port);
            }
          }
          held.remove(port);
          if (!pool.release(port)) {
            synchronized (errors) {
              errors.add("release refused " + port);
            }
          }
        }
        return null;
      });
    }
    start.countDown();
    exec.shutdown();
    assertTrue(exec.awaitTermination(60, TimeUnit.SECONDS));
    assertEquals(List.of(), errors);
    assertEquals(100, pool.available());
  }
}
