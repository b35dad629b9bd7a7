package io.voicegateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** SIGHUP asks for a reload (and no longer ends the JVM, which is what it does without a handler). */
class ReloadSignalTest {
  @Test
  void sighupRunsTheReload() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    SignalHandler previous = ReloadSignal.install(asked::countDown);
    try {
      Signal.raise(new Signal(ReloadSignal.NAME));
      assertTrue(asked.await(10, TimeUnit.SECONDS), "SIGHUP did not reach the reload");
    } finally {
      Signal.handle(new Signal(ReloadSignal.NAME), previous);
    }
  }

  @Test
  void aFailingReloadDoesNotKillTheSignalThread() throws Exception {
    CountDownLatch second = new CountDownLatch(2);
    SignalHandler previous = ReloadSignal.install(() -> {
      second.countDown();
      throw new IllegalStateException("bus closed");
    });
    try {
      Signal.raise(new Signal(ReloadSignal.NAME));
      Signal.raise(new Signal(ReloadSignal.NAME));
      assertTrue(second.await(10, TimeUnit.SECONDS), "the second SIGHUP was not handled");
    } finally {
      Signal.handle(new Signal(ReloadSignal.NAME), previous);
    }
  }
}
