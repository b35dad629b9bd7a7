package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The failure codes the edges get: what a SIP outcome means to a REST client. */
class ControlBusApiTest {
  @Test
  void sipOutcomesBecomeTheirHttpMeaning() {
    assertEquals(404, ControlBusApi.failureCode(new UacFailure(404, "no call x")));
    assertEquals(400, ControlBusApi.failureCode(new UacFailure(400, "bad target")));
    assertEquals(409, ControlBusApi.failureCode(new UacFailure(481, "no confirmed dialog")), "not established yet");
    assertEquals(409, ControlBusApi.failureCode(new UacFailure(480, "alice is not registered")));
    assertEquals(504, ControlBusApi.failureCode(new UacFailure(408, "timeout")));
    assertEquals(502, ControlBusApi.failureCode(new UacFailure(486, "Busy Here")), "the peer refused");
    assertEquals(502, ControlBusApi.failureCode(new UacFailure(488, "Not Acceptable Here")));
    assertEquals(503, ControlBusApi.failureCode(new UacFailure(503, "no media port")));
    assertEquals(500, ControlBusApi.failureCode(new IllegalStateException("bug")), "anything else is ours");
  }
}
