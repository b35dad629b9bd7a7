package io.voicegateway.it;

import static io.voicegateway.it.support.KamailioCluster.FAILURE_TIMEOUT_S;
import static io.voicegateway.it.support.KamailioCluster.listed;
import static io.voicegateway.it.support.KamailioCluster.lists;
import static io.voicegateway.it.support.KamailioCluster.listsNoneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.peers.Baresip;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.KamailioCluster;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's must-show: two gateway processes (each its own JVM, clustered by Hazelcast on loopback, sharing one
 * PostgreSQL history) behind Kamailio with {@code deploy/kamailio/kamailio.cfg} as shipped ({@link KamailioCluster}).
 * SIPp sends 100 calls to the echo app through Kamailio: 40 short ones and 10 long ones spread over both nodes, then
 * 50 after node B is killed. A baresip call through Kamailio hears its own speech back; node A's API lists node B's
 * calls and hangs one up; B is killed with SIGKILL: A stops listing B's calls within the documented detection
 * time, Kamailio marks B down, all 50 new calls are taken by A (none fails), and A's long calls go on to their end.
 */
class ClusterIT {
  private static final int BEFORE_KILL = 40;
  private static final int LONG = 10;
  private static final int AFTER_KILL = 50;
  /** What a loaded 2-core machine may add to the detection time (GC pauses, scheduling). */
  private static final int MARGIN_S = 25;

  @TempDir
  Path dir;

  @Test
  void hundredCallsThroughKamailioOnTwoNodesSurviveAKill() throws Exception {
    Tools.require("kamailio", "baresip", "espeak-ng", "sox");
    try (KamailioCluster cluster = KamailioCluster.start(dir)) {
      KamailioCluster.Node a = cluster.a;
      KamailioCluster.Node b = cluster.b;
      String proxy = cluster.proxy();
      SippRunner.Running longCalls = null;
      try {
        // 1. short calls through Kamailio: spread over both nodes by the Call-ID hash, all completed
        SippRunner.Result shortCalls = SippRunner.scenario("uac_proxied.xml").args("-s", "echo", "-d", "2000")
            .run(proxy, BEFORE_KILL, 10, 10);
        assertEquals(BEFORE_KILL, shortCalls.successful(), shortCalls.toString());
        assertEquals(0, shortCalls.failed(), shortCalls.toString());
        assertTrue(GatewayUnderTest.eventually(30,
            () -> cluster.completed("gw-a") + cluster.completed("gw-b") == BEFORE_KILL),
            () -> BEFORE_KILL + " calls completed in PostgreSQL: " + cluster.rows());
        int shortOnA = cluster.completed("gw-a");
        int shortOnB = cluster.completed("gw-b");
        System.out.printf("%d calls through Kamailio: gw-a %d, gw-b %d%n", BEFORE_KILL, shortOnA, shortOnB);
        assertTrue(shortOnA > 0 && shortOnB > 0, () -> "both nodes took calls: " + cluster.rows());

        // 2. audio through Kamailio: baresip hears its own speech back from the echo app of whichever node
        Path speech = SpeechFixture.speech(dir, 8000);
        Baresip phone = new Baresip(dir.resolve("baresip"), "PCMU", speech, 8000);
        Baresip.CallRecording rec = phone.call("sip:echo@" + proxy, Duration.ofSeconds(25));
        assertNotNull(rec.heard(), "baresip heard nothing through Kamailio: " + rec.log());
        // the lag search is wide: the echo's delay is EchoAudioIT's subject; under load it passed 400 ms here
        AudioMatch.Result match = AudioMatch.align(AudioMatch.read(rec.sent(), 8000),
            AudioMatch.read(rec.heard(), 8000), 8000, 500, 2000);
        System.out.println("echo through Kamailio: " + match);
        assertTrue(match.windows().size() >= 8, "too little speech came back: " + match);
        assertTrue(match.medianCorrelation() >= 0.9, match.toString());
        assertTrue(GatewayUnderTest.eventually(30, () -> cluster.open(null).isEmpty()),
            () -> "the baresip call ended: " + cluster.rows());

        // 3. long calls on both nodes; A lists B's calls and hangs one of them up
        longCalls = SippRunner.scenario("uac_proxied.xml").args("-s", "echo", "-d", "45000", "-p",
            String.valueOf(FreePorts.udpAndTcp())).timeoutSeconds(150).start(proxy, LONG, LONG, 5);
        assertTrue(GatewayUnderTest.eventually(60, () -> cluster.open(null).size() == LONG),
            () -> LONG + " long calls answered: " + cluster.rows());
        Set<String> onA = cluster.open("gw-a");
        Set<String> onB = cluster.open("gw-b");
        System.out.printf("long calls: gw-a %d, gw-b %d%n", onA.size(), onB.size());
        assertTrue(!onA.isEmpty() && !onB.isEmpty(), () -> "long calls on both nodes: " + cluster.rows());
        assertTrue(GatewayUnderTest.eventually(30, () -> lists(a, onB)),
            () -> "A lists B's calls: " + listed(a) + " vs " + onB);
        String victim = onB.iterator().next();
        ApiClient.Answer hangup = a.api().delete("/api/v1/calls/" + victim);
        assertTrue(hangup.status() / 100 == 2, hangup.toString());
        assertTrue(GatewayUnderTest.eventually(30, () -> !cluster.open("gw-b").contains(victim)
            && listsNoneOf(a, Set.of(victim))), () -> "B's call ended by A's API: " + cluster.rows());
        Set<String> stillOnB = cluster.open("gw-b");

        // 4. B dies: A forgets its calls within the detection time; Kamailio marks it down; new calls all go to A
        long killedAt = System.nanoTime();
        cluster.gateway(b).kill(); // SIGKILL: no BYE, no Hazelcast leave, no shutdown hook
        boolean forgotten = GatewayUnderTest.eventually(FAILURE_TIMEOUT_S + MARGIN_S,
            () -> listsNoneOf(a, stillOnB));
        System.out.printf("A stopped listing B's %d calls %.1f s after the SIGKILL (failure_timeout %d s)%n",
            stillOnB.size(), (System.nanoTime() - killedAt) / 1e9, FAILURE_TIMEOUT_S);
        assertTrue(forgotten, () -> "A still lists B's calls: " + listed(a));

        int takenByA = cluster.taken("gw-a");
        int takenByB = cluster.taken("gw-b");
        SippRunner.Running afterKillRun = SippRunner.scenario("uac_proxied.xml").args("-s", "echo", "-d", "1000")
            .start(proxy, AFTER_KILL, 10, 10);
        boolean markedDown = GatewayUnderTest.eventually(30, () -> cluster.kamailioMarked(b, "down") >= 1);
        System.out.printf("Kamailio marked B down %.1f s after the SIGKILL (probing every %d s)%n",
            (System.nanoTime() - killedAt) / 1e9, KamailioCluster.DS_PING_S);
        assertTrue(markedDown, () -> "Kamailio marks B down: " + cluster.kamailioLog());
        SippRunner.Result afterKill = afterKillRun.await();
        assertEquals(AFTER_KILL, afterKill.successful(), afterKill.toString());
        assertEquals(0, afterKill.failed(), afterKill.toString());
        assertTrue(GatewayUnderTest.eventually(30, () -> cluster.taken("gw-a") == takenByA + AFTER_KILL),
            () -> "the " + AFTER_KILL + " calls after the kill all on gw-a: " + cluster.rows());
        assertEquals(takenByB, cluster.taken("gw-b"), "no call reached the dead node's history");
        // A's long calls spanned the kill and the 50 calls: still up now, so their end below is their own BYE
        assertTrue(cluster.open("gw-a").containsAll(onA), () -> "A's long calls go on: " + cluster.rows());

        // the long calls: A's end with SIPp's BYE (successful), B's died with B (failed), plus the one hung up
        SippRunner.Result longDone = longCalls.await();
        longCalls = null;
        System.out.println("long calls: " + longDone.successful() + " ok, " + longDone.failed() + " failed");
        assertEquals(onA.size(), longDone.successful(), longDone.toString());
        assertEquals(onB.size(), longDone.failed(), longDone.toString());
        assertTrue(GatewayUnderTest.eventually(30, () -> onA.stream().noneMatch(cluster.open("gw-a")::contains)),
            () -> "A's long calls completed in PostgreSQL: " + cluster.rows());

        // 5. the history both nodes wrote: every SIPp call and the baresip call, each row with its node
        int total = BEFORE_KILL + 1 + LONG + AFTER_KILL;
        System.out.printf("PostgreSQL answered calls: gw-a %d (%d ended), gw-b %d (%d ended, %d left open by the kill)%n",
            cluster.taken("gw-a"), cluster.completed("gw-a"), cluster.taken("gw-b"), cluster.completed("gw-b"),
            cluster.open("gw-b").size());
        assertEquals(total, cluster.answered(), () -> "one answered row per call: " + cluster.rows());
        assertEquals(total, cluster.taken("gw-a") + cluster.taken("gw-b"), () -> "each row names its node");
        assertEquals(stillOnB, cluster.open("gw-b"), "B's calls lost with it stay open until B restarts");
        assertEquals(cluster.taken("gw-a"), cluster.completed("gw-a"), () -> "every call of A ended: " + cluster.rows());
        System.out.println("kamailio: " + cluster.kamailioLog().lines()
            .filter(l -> l.contains("failed over") || l.contains("dispatcher:")).limit(5).toList());
      } finally {
        if (longCalls != null) {
          longCalls.kill();
        }
      }
    }
  }
}
