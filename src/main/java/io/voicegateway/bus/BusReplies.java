package io.voicegateway.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answering a bus request from asynchronous work, the same way in every room that serves requests: the reply
 * record, or a failure whose code is the HTTP status the API repeats. A throw is a 500 (logged once, with its
 * cause), never silence and never a request left to time out.
 */
public final class BusReplies {
  private static final Logger LOG = Logger.getLogger(BusReplies.class.getName());

  private BusReplies() {}

  /**
   * Runs {@code work} on the request's body and answers with its result or its failure.
   *
   * @param codeOf  the failure's status (400–599); 500 for anything unexpected, which is logged
   * @param textOf  the failure's message as the API caller should read it
   */
  public static <Q, R> void answer(Message<Q> msg, Function<Q, Future<R>> work, ToIntFunction<Throwable> codeOf,
      Function<Throwable, String> textOf) {
    Future<R> result;
    try {
      result = work.apply(msg.body());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(ar.result());
        return;
      }
      int code = codeOf.applyAsInt(ar.cause());
      if (code == 500) {
        LOG.log(Level.WARNING, msg.address() + " failed", ar.cause());
      }
      msg.fail(code, textOf.apply(ar.cause()));
    });
  }
}
