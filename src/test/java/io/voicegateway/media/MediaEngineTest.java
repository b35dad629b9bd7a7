package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.EchoLeg;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.codec.CodecType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MediaEngineTest {
  private static final long S = 1_000_000_000L;

  private final MediaEngine engine = TestMediaConfig.engine(40000, 40199);

  private LegMedia open(String callId, String legId) {
    int port = engine.ports().acquire();
    return port < 0 ? null : engine.openLeg(callId, legId, port);
  }

  /** What a LEG_START command does: check the negotiation, then swap in the leg's pipeline. */
  private LegMedia start(String callId, String legId, String codec, String direction) {
    LegDirection dir = LegDirection.fromWire(direction);
    return engine.startLeg(legId, LegConfig.of(CodecType.byConfigName(codec).orElse(null), 0, 101, 20,
        dir.receives(), dir.sends()), "127.0.0.1", 9);
  }

  @Test
  void aThousandLegsWithRandomEndingsLeaveThePoolFull() {
    Random random = new Random(42);
    int capacity = engine.ports().capacity();
    List<LegMedia> live = new ArrayList<>();
    Map<String, MediaWatchdog> dogs = new HashMap<>();
    int opened = 0;
    int refused = 0;
    long now = 0;
    for (int i = 0; opened < 1000; i++) {
      now += S / 10;
      if (random.nextInt(3) > 0 || live.isEmpty()) {
        String callId = "call-" + (i / 2); // mostly two legs per call
        LegMedia leg = open(callId, "leg-" + i);
        if (leg == null) {
          refused++;
        } else {
          opened++;
          start(callId, leg.legId(), "g711-ulaw", "sendrecv");
          if (random.nextInt(4) == 0) {
            engine.attach(callId, new EchoLeg());
          }
          live.add(leg);
          dogs.put(leg.legId(), new MediaWatchdog(5 * S, 10 * S, now));
        }
        continue;
      }
      int pick = random.nextInt(live.size());
      LegMedia leg = live.remove(pick);
      MediaWatchdog dog = dogs.remove(leg.legId());
      switch (random.nextInt(4)) {
        case 0 -> engine.closeLeg(leg.legId()); // BYE: LEG_CLOSE
        case 1 -> { // rtp timeout: stopped, then lost, then the whole call goes
          assertEquals(MediaWatchdog.Change.STOPPED, dog.check(now + 5 * S, true));
          assertEquals(MediaWatchdog.Change.LOST, dog.check(now + 15 * S, true));
          engine.closeCall(leg.callId());
          live.removeIf(l -> l.callId().equals(leg.callId()));
        }
        case 2 -> { // CALL_TERMINATED, then a late LEG_CLOSE for a leg already gone
          engine.closeCall(leg.callId());
          assertNull(engine.closeLeg(leg.legId()));
          live.removeIf(l -> l.callId().equals(leg.callId()));
        }
        default -> { // closed twice (duplicate BYE handling)
          assertNotNull(engine.closeLeg(leg.legId()));
          assertNull(engine.closeLeg(leg.legId()));
        }
      }
      assertTrue(leg.closed());
    }
    for (LegMedia leg : live) {
      engine.closeLeg(leg.legId());
    }
    assertEquals(capacity, engine.ports().available(), "every pair returned");
    assertEquals(0, engine.callCount());
    assertEquals(0, engine.legs().size());
    assertTrue(refused > 0 || opened == 1000);
  }

  @Test
  void openingFailsWhenThePoolIsEmpty() {
    for (int i = 0; i < engine.ports().capacity(); i++) {
      assertNotNull(open("c", "l" + i));
    }
    assertEquals(-1, engine.ports().acquire());
    engine.closeLeg("l7");
    assertNotNull(open("c", "again"));
  }

  @Test
  void rejectsDuplicateLegsAndBadStarts() {
    open("c", "a");
    assertThrows(IllegalStateException.class, () -> engine.openLeg("c", "a", 0));
    assertThrows(IllegalArgumentException.class, () -> start("c", "a", "gsm", "sendrecv"));
    assertThrows(IllegalArgumentException.class, () -> start("c", "nope", "g722", "sendrecv"));
    assertThrows(IllegalArgumentException.class, () -> start("c", "a", "g722", "sideways"));
  }

  @Test
  void renegotiationSwapsThePipelineWholeAndHoldSilencesTheLeg() {
    LegMedia leg = open("c", "a");
    start("c", "a", "g711-ulaw", "sendrecv");
    LegPipeline first = leg.pipeline();
    assertTrue(leg.listening());

    start("c", "a", "g711-ulaw", "inactive");
    assertFalse(leg.listening());
    assertNull(leg.pull());
    assertTrue(leg.pipeline() != first);

    start("c", "a", "g722", "sendrecv");
    assertEquals("g722", leg.stats().codec());
    assertTrue(leg.listening());
  }

  @Test
  void legsOpenedAndClosedFromSeveralThreadsLeaveNoCallBehind() throws Exception {
    MixerPartition partition = engine.servePartition(0);
    int threads = 4;
    java.util.concurrent.CyclicBarrier go = new java.util.concurrent.CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker = new Thread(() -> {
        try {
          go.await();
          for (int i = 0; i < 500; i++) {
            String shared = "shared-" + (i % 3); // calls every thread adds legs to and takes them from
            LegMedia a = open(shared, "t" + id + "-a" + i);
            LegMedia b = open("own-" + id + "-" + i, "t" + id + "-b" + i);
            if (i % 5 == 0 && b != null) {
              engine.moveLeg(b.legId(), shared);
            }
            if (a != null) {
              engine.closeLeg(a.legId());
            }
            if (b != null) {
              engine.closeLeg(b.legId());
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    assertEquals(List.of(), failures);
    assertEquals(0, engine.legs().size());
    assertEquals(0, engine.callCount(), "the last leg out of each call ended it");
    assertEquals(0, partition.size(), "and took it out of the mixer");
    assertEquals(engine.ports().capacity(), engine.ports().available());
  }

  @Test
  void callsAreSpreadOverServedPartitions() {
    MixerPartition p0 = engine.servePartition(0);
    MixerPartition p1 = engine.servePartition(1);
    for (int i = 0; i < 10; i++) {
      open("call" + i, "leg" + i);
    }
    assertEquals(5, p0.size());
    assertEquals(5, p1.size());
  }
}
