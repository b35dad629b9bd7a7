package io.voicegateway.stream;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;

/** The stream commands' failures, passed on with an HTTP status as their code. */
final class StreamRequests {
  private StreamRequests() {}

  /** Passes a failure on with its status (a bus failure's code), 500 when it has none. */
  static void fail(Message<Object> msg, Throwable cause) {
    if (cause instanceof ReplyException e && e.failureCode() >= 400 && e.failureCode() < 600) {
      msg.fail(e.failureCode(), e.getMessage());
    } else if (cause instanceof ReplyException e && e.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT) {
      msg.fail(504, e.getMessage());
    } else if (cause instanceof ReplyException e && e.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS) {
      msg.fail(503, "call control does not answer: " + e.getMessage());
    } else {
      msg.fail(500, String.valueOf(cause.getMessage()));
    }
  }
}
