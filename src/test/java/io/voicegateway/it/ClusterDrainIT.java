package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.KamailioCluster;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful drain through Kamailio ({@link KamailioCluster}: two clustered gateway JVMs, one PostgreSQL, the shipped
 * {@code kamailio.cfg}): with a long call on node B, {@code POST /api/v1/node/drain} on B makes its OPTIONS answer
 * 503, Kamailio's next probe marks B down, every new call goes to A (none fails), and B's long call goes on until
 * the caller's own BYE (through Kamailio's Route set); then {@code undrain}: Kamailio's next probe marks B up and B
 * takes new calls again.
 */
class ClusterDrainIT {
  private static final int CALLS = 20;
  private static final int LONG_MS = 25_000;
  /** Long-call attempts until one hashes to B (each lands on B with probability 1/2). */
  private static final int ATTEMPTS = 12;

  @TempDir
  Path dir;

  @Test
  void aDrainedNodeGetsNoNewCallsThroughKamailioAndFinishesItsOwn() throws Exception {
    try (KamailioCluster cluster = KamailioCluster.start(dir)) {
      KamailioCluster.Node b = cluster.b;
      String proxy = cluster.proxy();
      List<SippRunner.Running> longCalls = new ArrayList<>();
      try {
        // 1. a long call on B: one call per SIPp run (its own Call-ID, so its own hash) until one lands on B
        for (int i = 0; i < ATTEMPTS && cluster.open("gw-b").isEmpty(); i++) {
          longCalls.add(SippRunner.scenario("uac_proxied.xml").args("-s", "echo", "-d", String.valueOf(LONG_MS),
              "-p", String.valueOf(FreePorts.udpAndTcp())).timeoutSeconds(90).start(proxy, 1, 1, 1));
          int expected = longCalls.size();
          assertTrue(GatewayUnderTest.eventually(30, () -> cluster.open(null).size() == expected),
              () -> "long call " + expected + " answered: " + cluster.rows());
        }
        Set<String> onB = cluster.open("gw-b");
        assertEquals(1, onB.size(), () -> "a long call on B after " + longCalls.size() + " tries: " + cluster.rows());
        String longOnB = onB.iterator().next();
        int longOnA = cluster.open("gw-a").size();

        // 2. drain B: Kamailio's next probe gets 503 and marks B down
        System.out.printf("Kamailio marked the draining B down %.1f s after POST /api/v1/node/drain"
            + " (probing every %d s)%n", drain(cluster, b, true), KamailioCluster.DS_PING_S);

        // 3. new calls all go to A, none fails; B's long call goes on
        int takenByA = cluster.taken("gw-a");
        int takenByB = cluster.taken("gw-b");
        SippRunner.Result whileDrained = SippRunner.scenario("uac_proxied.xml").args("-s", "echo", "-d", "1000")
            .run(proxy, CALLS, 10, 10);
        assertEquals(CALLS, whileDrained.successful(), whileDrained.toString());
        assertEquals(0, whileDrained.failed(), whileDrained.toString());
        assertTrue(GatewayUnderTest.eventually(30, () -> cluster.taken("gw-a") == takenByA + CALLS),
            () -> "the " + CALLS + " calls while B drains all on gw-a: " + cluster.rows());
        assertEquals(takenByB, cluster.taken("gw-b"), () -> "no new call on the draining B: " + cluster.rows());
        assertTrue(cluster.open("gw-b").contains(longOnB), () -> "B's long call spans the drain: " + cluster.rows());

        // 4. B's long call ends with the caller's BYE, not with the drain; B is then empty and may be stopped
        for (SippRunner.Running run : longCalls) {
          SippRunner.Result done = run.await();
          assertEquals(1, done.successful(), done.toString());
          assertEquals(0, done.failed(), done.toString());
        }
        longCalls.clear();
        assertTrue(GatewayUnderTest.eventually(30, () -> cluster.open(null).isEmpty()),
            () -> "the long calls completed in PostgreSQL: " + cluster.rows());
        Map<String, Object> row = cluster.rows().get(longOnB);
        System.out.println("B's long call through the drain: " + row + "; long calls on A: " + longOnA);
        assertTrue(((Number) row.get("duration_ms")).longValue() >= LONG_MS - 1000, row.toString());
        assertNotEquals("interrupted", row.get("cause"), row.toString());

        // 5. undrain: Kamailio's next probe gets 200 and marks B up; B takes new calls again
        System.out.printf("Kamailio marked B up %.1f s after POST /api/v1/node/undrain%n", drain(cluster, b, false));
        int backOnB = cluster.taken("gw-b");
        SippRunner.Result afterUndrain = SippRunner.scenario("uac_proxied.xml").args("-s", "echo", "-d", "1000")
            .run(proxy, CALLS, 10, 10);
        assertEquals(CALLS, afterUndrain.successful(), afterUndrain.toString());
        assertEquals(0, afterUndrain.failed(), afterUndrain.toString());
        assertTrue(GatewayUnderTest.eventually(30, () -> cluster.open(null).isEmpty()
            && cluster.answered() == takenByA + takenByB + 2 * CALLS),
            () -> "every call in PostgreSQL: " + cluster.rows());
        System.out.printf("after the undrain: gw-b took %d of %d calls%n", cluster.taken("gw-b") - backOnB, CALLS);
        assertTrue(cluster.taken("gw-b") > backOnB, () -> "B takes calls again: " + cluster.rows());
      } finally {
        for (SippRunner.Running run : longCalls) {
          run.kill();
        }
      }
    }
  }

  /**
   * {@code POST /api/v1/node/drain} (or {@code undrain}) on {@code node}; awaits Kamailio logging the node down (or
   * up) and returns how long that took, in seconds.
   */
  private static double drain(KamailioCluster cluster, KamailioCluster.Node node, boolean drain) throws Exception {
    long before = cluster.kamailioMarked(node, drain ? "down" : "up");
    long askedAt = System.nanoTime();
    ApiClient.Answer answer = node.api().post("/api/v1/node/" + (drain ? "drain" : "undrain"), "");
    assertEquals(200, answer.status(), answer.toString());
    assertEquals(drain, answer.object().getBoolean("draining"), answer.toString());
    assertTrue(GatewayUnderTest.eventually(30, () -> cluster.kamailioMarked(node, drain ? "down" : "up") > before),
        () -> "Kamailio marks " + node.id() + (drain ? " down: " : " up: ") + cluster.kamailioLog());
    return (System.nanoTime() - askedAt) / 1e9;
  }
}
