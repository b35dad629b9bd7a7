package io.voicegateway.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.LimitsConfig;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OverloadGuardTest {
  private final FakeNanos clock = new FakeNanos();
  private final AtomicInteger freePorts = new AtomicInteger(1000);
  private final AtomicLong ticks = new AtomicLong();
  private final AtomicLong late = new AtomicLong();
  private final AtomicInteger queue = new AtomicInteger();

  /** Defaults: 503 under 5 % free ports, over 20 % late ticks, at 1000 queued datagrams. */
  private OverloadGuard guard() {
    OverloadGuard g = new OverloadGuard(LimitsConfig.defaults(),
        new OverloadGuard.Signals(freePorts::get, 1000, ticks::get, late::get), clock);
    g.watchQueue(queue::get);
    return g;
  }

  @Test
  void quietGatewayAdmits() {
    OverloadGuard g = guard();
    assertEquals(Optional.empty(), g.overloaded());
    assertEquals(0, g.refused());
  }

  @Test
  void fewFreePortsRefuse() {
    OverloadGuard g = guard();
    freePorts.set(49);
    assertEquals(Optional.of("ports"), g.overloaded());
    freePorts.set(50);
    assertEquals(Optional.empty(), g.overloaded());
    assertEquals(1, g.refused());
  }

  @Test
  void aLongQueueRefuses() {
    OverloadGuard g = guard();
    queue.set(1000);
    assertEquals(Optional.of("queue"), g.overloaded());
  }

  @Test
  void lateMixerRefusesForTheSampleAndRecovers() {
    OverloadGuard g = guard();
    ticks.addAndGet(100);
    late.addAndGet(21);
    assertEquals(Optional.empty(), g.overloaded(), "not sampled before a second has passed");
    clock.advanceMillis(1000);
    assertEquals(Optional.of("mixer"), g.overloaded());
    ticks.addAndGet(100);
    late.addAndGet(5);
    clock.advanceMillis(1000);
    assertEquals(Optional.empty(), g.overloaded());
  }

  @Test
  void strangersAreRefusedAtAQuarterOfTheLatenessThatRefusesTrunks() {
    OverloadGuard g = guard();
    ticks.addAndGet(100);
    late.addAndGet(6); // 6 %: over 20 / 4, under 20
    clock.advanceMillis(1000);
    assertEquals(Optional.of("mixer, strangers' share"), g.overloaded(true));
    assertEquals(Optional.empty(), g.overloaded(false), "a trunk's INVITE goes on");
    ticks.addAndGet(100);
    late.addAndGet(5); // 5 %: not over the strangers' threshold
    clock.advanceMillis(1000);
    assertEquals(Optional.empty(), g.overloaded(true));
    assertEquals(1, g.strangersRefused());
  }

  @Test
  void fewTicksSayNothing() {
    OverloadGuard g = guard();
    ticks.addAndGet(10);
    late.addAndGet(10);
    clock.advanceMillis(1000);
    assertTrue(g.overloaded().isEmpty());
  }
}
