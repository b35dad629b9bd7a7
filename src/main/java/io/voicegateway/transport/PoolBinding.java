package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.media.rtp.PortPool;
import java.util.function.IntFunction;

/** Takes a port from the pool and binds it; a port another process holds goes back and the next one is tried. */
final class PoolBinding {
  /** Ports tried when one from the pool turns out to be taken by another process. */
  static final int ATTEMPTS = 8;

  /** The port taken and what binding it made. */
  record Bound<T>(int port, T sockets) {}

  private PoolBinding() {}

  /** Fails with a message for the operator when the pool is empty or {@link #ATTEMPTS} ports would not bind. */
  static <T> Future<Bound<T>> bind(PortPool pool, IntFunction<Future<T>> binder) {
    Promise<Bound<T>> done = Promise.promise();
    attempt(pool, binder, ATTEMPTS, done);
    return done.future();
  }

  private static <T> void attempt(PortPool pool, IntFunction<Future<T>> binder, int attemptsLeft,
      Promise<Bound<T>> done) {
    int port = pool.acquire();
    if (port < 0) {
      done.fail("RTP port pool empty");
      return;
    }
    binder.apply(port).onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete(new Bound<>(port, ar.result()));
        return;
      }
      pool.release(port);
      if (attemptsLeft > 1) {
        attempt(pool, binder, attemptsLeft - 1, done);
      } else {
        done.fail("cannot bind RTP ports: " + ar.cause().getMessage());
      }
    });
  }
}
