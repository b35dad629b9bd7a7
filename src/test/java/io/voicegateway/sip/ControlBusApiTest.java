package io.voicegateway.sip;

import io.voicegateway.control.CallFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The answers the edges get: a reply, or a failure code that is what a SIP outcome means to a REST client. */
class ControlBusApiTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void sipOutcomesBecomeTheirHttpMeaning() {
    assertEquals(404, ControlBusApi.failureCode(new UacFailure(404, "no call x")));
    assertEquals(400, ControlBusApi.failureCode(new UacFailure(400, "bad target")));
    assertEquals(409, ControlBusApi.failureCode(new UacFailure(481, "no confirmed dialog")), "not established yet");
    assertEquals(409, ControlBusApi.failureCode(new UacFailure(480, "alice is not registered")));
    assertEquals(504, ControlBusApi.failureCode(new UacFailure(408, "timeout")));
    assertEquals(504, ControlBusApi.failureCode(new ClientRequests.SipTimeoutException("REFER")),
        "a REFER or re-INVITE nobody answered is the peer's silence, not our error");
    assertEquals(502, ControlBusApi.failureCode(new UacFailure(486, "Busy Here")), "the peer refused");
    assertEquals(502, ControlBusApi.failureCode(new UacFailure(488, "Not Acceptable Here")));
    assertEquals(503, ControlBusApi.failureCode(new UacFailure(503, "no media port")));
    assertEquals(404, ControlBusApi.failureCode(CallFailure.of(404, "no call x")), "call control's own failures");
    assertEquals(502, ControlBusApi.failureCode(CallFailure.of(603, "Decline")));
    assertEquals(500, ControlBusApi.failureCode(new IllegalStateException("bug")), "anything else is ours");
  }

  @Test
  void workThatThrowsIsA500NotARequestLeftWaiting() throws Exception {
    vertx.eventBus().<String>consumer("t.throws", msg -> ControlBusApi.<String, String>answer(msg, q -> {
      throw new IllegalStateException("registrar not started");
    }));
    ReplyException e = assertThrows(ReplyException.class,
        () -> vertx.eventBus().request("t.throws", "x").await(5, TimeUnit.SECONDS));
    assertEquals(500, e.failureCode());
    assertEquals("registrar not started", e.getMessage());
  }

  @Test
  void aReferNobodyAnsweredIsA504NotA500() throws Exception {
    vertx.eventBus().<String>consumer("t.silent", msg -> ControlBusApi.<String, String>answer(msg,
        q -> Future.failedFuture(new ClientRequests.SipTimeoutException("REFER"))));
    ReplyException e = assertThrows(ReplyException.class,
        () -> vertx.eventBus().request("t.silent", "x").await(5, TimeUnit.SECONDS));
    assertEquals(504, e.failureCode());
    assertEquals("no answer from the peer (408 REFER timed out)", e.getMessage());
  }

  @Test
  void aPeersRefusalSaysWhatThePeerAnswered() throws Exception {
    vertx.eventBus().<String>consumer("t.refused", msg -> ControlBusApi.<String, String>answer(msg,
        q -> Future.failedFuture(new UacFailure(486, "Busy Here"))));
    vertx.eventBus().<String>consumer("t.ok", msg -> ControlBusApi.<String, String>answer(msg,
        q -> Future.succeededFuture(q + "!")));
    ReplyException e = assertThrows(ReplyException.class,
        () -> vertx.eventBus().request("t.refused", "x").await(5, TimeUnit.SECONDS));
    assertEquals(502, e.failureCode());
    assertEquals("the peer answered 486 Busy Here", e.getMessage());
    assertEquals("x!", vertx.eventBus().request("t.ok", "x").await(5, TimeUnit.SECONDS).body());
  }
}
