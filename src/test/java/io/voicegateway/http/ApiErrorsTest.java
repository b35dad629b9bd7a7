package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.Test;

/** Which HTTP status each kind of failure becomes. */
class ApiErrorsTest {
  @Test
  void busAndApiFailures() {
    assertEquals(409, ApiErrors.status(ApiException.conflict("x")));
    assertEquals(501, ApiErrors.status(new ApiException(501, "later")));
    assertEquals(503, ApiErrors.status(new ReplyException(ReplyFailure.NO_HANDLERS, "vg.sip.calls")));
    assertEquals(504, ApiErrors.status(new ReplyException(ReplyFailure.TIMEOUT, "slow")));
    assertEquals(400, ApiErrors.status(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 400, "bad")));
    assertEquals(409, ApiErrors.status(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 409, "no dialog yet")),
        "call control's failure code is the status");
    assertEquals(500, ApiErrors.status(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, -1, "odd")));
    assertEquals(500, ApiErrors.status(new IllegalStateException("bug")));
  }
}
