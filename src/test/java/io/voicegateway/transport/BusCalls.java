package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import java.util.concurrent.TimeUnit;

/** Requests on the bus from a test thread, waiting for the answer (never for a time). */
final class BusCalls {
  static final long WAIT_SECONDS = 30;

  private BusCalls() {}

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  static <T> T request(EventBus bus, String address, Object body) throws Exception {
    return await(bus.<T>request(address, body).map(Message::body));
  }

  /** The failure code of a request that must fail. */
  static int failure(EventBus bus, String address, Object body) throws Exception {
    Throwable t = bus.request(address, body).toCompletionStage().toCompletableFuture()
        .handle((ok, error) -> error).get(WAIT_SECONDS, TimeUnit.SECONDS);
    return ((ReplyException) (t.getCause() != null ? t.getCause() : t)).failureCode();
  }
}
