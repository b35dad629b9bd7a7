package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.it.support.TestConfigs;
import io.voicegateway.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ACK that comes straight back after our 200 is matched: SIPp's stock {@code uac} calls sip:echo at 50,
 * 100 and 200 calls/s and never sees the 200 again. A 200 whose ACK the stack missed is re-sent after
 * T1 (500 ms), which shows only while the call lasts, hence 1 s calls. Over TCP the 200 leaves from a
 * worker and the ACK arrives on the stack's reader thread: the same race, covered the same way.
 */
class AckRaceIT {
  private static final int CALLS = 200;
  private static GatewayUnderTest gw;

  /**
   * One gateway for every rate, warmed up first: a cold JVM compiling its SIP path can stand still for
   * more than T1, and a 200 re-sent then says nothing about the ACK matching.
   */
  @BeforeAll
  static void start() throws Exception {
    SippRunner.requireSipp();
    gw = new GatewayUnderTest(TestConfigs.udpTcp(FreePorts.udpAndTcp()));
    SippRunner.Result warmUp = SippRunner.builtin("uac").args("-s", "echo").timeoutSeconds(60)
        .run(gw.target(), CALLS, CALLS, 50);
    assertEquals(CALLS, warmUp.successful(), warmUp.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  @ParameterizedTest(name = "{0} calls/s over {1}")
  @CsvSource({"50, u1", "100, u1", "200, u1", "100, t1"})
  void noTwoHundredIsSentTwice(int rate, String transport) throws Exception {
    SippRunner.Result r = SippRunner.builtin("uac")
        .args("-s", "echo", "-t", transport, "-d", "1000", "-trace_counts")
        .timeoutSeconds(60)
        .run(gw.target(), CALLS, 2 * rate, rate);

    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(CALLS, r.successful(), r.toString());
    assertEquals(0, r.failed(), r.toString());
    assertEquals(CALLS, r.count("4_200_Recv"), r.toString());
    assertEquals(0, r.count("4_200_Retrans"), "200 OKs re-sent because their ACK was not matched\n" + r);
  }
}
