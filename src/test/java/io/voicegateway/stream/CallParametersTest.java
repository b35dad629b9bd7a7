package io.voicegateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Twilio's From/To are numbers: the user part of whatever the SIP side gives. */
class CallParametersTest {
  @Test
  void theNumberIsTheUriUserPart() {
    assertEquals("+4930111", CallParameters.number("sip:+4930111@carrier.example"));
    assertEquals("+4930111", CallParameters.number("\"Al\" <sip:+4930111@carrier;user=phone>;tag=9"));
    assertEquals("alice", CallParameters.number("sips:alice:secret@pbx:5061"));
    assertEquals("+4930111", CallParameters.number("tel:+4930111;phone-context=x"));
    assertEquals("100", CallParameters.number("SIP:100@gw"));
  }

  @Test
  void withoutAUserPartTheValueStaysAsItIs() {
    assertEquals("sip:gw.example", CallParameters.number("sip:gw.example"));
    assertEquals("+4930111", CallParameters.number("+4930111"));
    assertEquals("anonymous", CallParameters.number("anonymous"));
  }
}
