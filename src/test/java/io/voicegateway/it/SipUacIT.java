package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.eventbus.Message;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.it.support.TestConfigs;
import io.voicegateway.sip.OutboundCall;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway as UAC toward SIPp UAS scenarios: originate, BYE via the bus, digest retry, REFER, hold. */
class SipUacIT {
  private GatewayUnderTest gw;
  private int sippPort;

  @BeforeEach
  void start() throws Exception {
    SippRunner.requireSipp();
    gw = new GatewayUnderTest(TestConfigs.udpTcp(FreePorts.udpAndTcp()));
    sippPort = FreePorts.udpAndTcp();
  }

  @AfterEach
  void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  private SippRunner.Running callee(SippRunner runner) throws Exception {
    SippRunner.Running running = runner.args("-p", String.valueOf(sippPort)).start(null, 1, 1, 1);
    assertTrue(GatewayUnderTest.eventually(10, this::sippListening), "sipp listens on " + sippPort);
    return running;
  }

  private boolean sippListening() {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), sippPort))) {
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  private String target() {
    return "sip:bob@127.0.0.1:" + sippPort;
  }

  private static void assertOk(SippRunner.Result r) {
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(1, r.successful(), r.toString());
  }

  @Test
  void gatewayHangsUpOverTheBus() throws Exception {
    SippRunner.Running sipp = callee(SippRunner.builtin("uas"));
    String callId = gw.sip.uac().originate(new OutboundCall(target(), "gateway", null, null,
        Map.of("X-Tenant", "acme"), "echo")).await(20, TimeUnit.SECONDS);

    Message<Object> reply = gw.vertx.eventBus().request(Addresses.SIP_HANGUP, new SipCommands.Hangup(callId, "api"))
        .await(20, TimeUnit.SECONDS);
    assertEquals(new CallCommands.Done(callId), reply.body());
    assertOk(sipp.await());
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.media.count(CallEventType.CALL_TERMINATED) == 1));
    List<CallEventType> types = gw.media.events.stream().map(CallEvent::type).toList();
    assertEquals(List.of(CallEventType.CALL_STARTED, CallEventType.CALL_RINGING, CallEventType.CALL_CONNECTED,
        CallEventType.CALL_TERMINATED), types);
    CallEvent ended = gw.media.events.stream().filter(e -> e.type() == CallEventType.CALL_TERMINATED).findFirst().get();
    assertEquals("api", ended.reason());
    assertEquals(CallDirection.OUTBOUND, ended.direction());
    assertEquals("acme", ended.xHeaders().get("X-Tenant"));
    assertEquals("echo", gw.media.attaches.peek().app());
    assertEquals("g711-ulaw", gw.media.starts.peek().codec().configName());
    assertEquals(1, gw.media.closes.size());
  }

  @Test
  void stoppingTheVerticleSendsByeToConnectedCalls() throws Exception {
    SippRunner.Running sipp = callee(SippRunner.builtin("uas"));
    gw.sip.uac().originate(OutboundCall.to(target())).await(20, TimeUnit.SECONDS);

    gw.close();
    assertOk(sipp.await()); // SIPp's uas completes only when it gets the BYE and answers it
    assertEquals(1, gw.media.count(CallEventType.CALL_TERMINATED));
    assertEquals("shutdown", gw.media.events.stream()
        .filter(e -> e.type() == CallEventType.CALL_TERMINATED).findFirst().get().reason());
    gw = null;
  }

  @Test
  void hangupOfUnknownCallFails404() {
    var failure = gw.vertx.eventBus().request(Addresses.SIP_HANGUP, new SipCommands.Hangup("no-such-call", "api"))
        .toCompletionStage().toCompletableFuture();
    var e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> failure.get(20, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof io.vertx.core.eventbus.ReplyException re && re.failureCode() == 404, e.toString());
  }

  @Test
  void digestRetryOn401() throws Exception {
    authenticatedCall("uas_auth401.xml");
  }

  @Test
  void digestRetryOn407() throws Exception {
    authenticatedCall("uas_auth407.xml");
  }

  private void authenticatedCall(String scenario) throws Exception {
    SippRunner.Running sipp = callee(SippRunner.scenario(scenario));
    String callId = gw.sip.uac().originate(OutboundCall.to(target()).withCredentials("alice", "secret"))
        .await(20, TimeUnit.SECONDS);
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.media.count(CallEventType.CALL_CONNECTED) == 1));
    gw.sip.uac().hangup(callId, "done").await(20, TimeUnit.SECONDS);
    assertOk(sipp.await());
  }

  @Test
  void referAnswered202() throws Exception {
    SippRunner.Running sipp = callee(SippRunner.scenario("uas_refer.xml"));
    String callId = gw.sip.uac().originate(OutboundCall.to(target())).await(20, TimeUnit.SECONDS);
    int status = gw.sip.uac().refer(callId, "sip:carol@127.0.0.1").await(20, TimeUnit.SECONDS);
    assertEquals(202, status);
    gw.sip.uac().hangup(callId, "transferred").await(20, TimeUnit.SECONDS);
    assertOk(sipp.await());
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.media.count(CallEventType.CALL_TRANSFERRED) == 1));
  }

  @Test
  void gatewayPutsPeerOnHoldAndResumes() throws Exception {
    SippRunner.Running sipp = callee(SippRunner.scenario("uas_hold.xml"));
    String callId = gw.sip.uac().originate(OutboundCall.to(target())).await(20, TimeUnit.SECONDS);
    gw.sip.uac().hold(callId).await(20, TimeUnit.SECONDS);
    gw.sip.uac().resume(callId).await(20, TimeUnit.SECONDS);
    gw.sip.uac().hangup(callId, "done").await(20, TimeUnit.SECONDS);
    assertOk(sipp.await());
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.media.count(CallEventType.CALL_RESUMED) == 1));
    assertEquals(1, gw.media.count(CallEventType.CALL_ON_HOLD));
    assertEquals(1, gw.media.count(CallEventType.CALL_RESUMED));
  }
}
