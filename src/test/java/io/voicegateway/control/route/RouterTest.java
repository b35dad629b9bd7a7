package io.voicegateway.control.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.RouteConfig.Direction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final String DEVICES_AND_TRUNK = """
      providers:
        - {id: carrier1, host: 203.0.113.5}
      devices:
        - {id: alice, password: a, extension: "101"}
        - {id: bob, password: b, extension: "102"}
      """;

  private static Router router(String routes) {
    return Router.from(ConfigLoader.parse(DEVICES_AND_TRUNK + "routes:\n" + routes, Map.of()));
  }

  private static final CallSource TRUNK = CallSource.trunk("carrier1");
  private static final CallSource ALICE = CallSource.device("alice");

  @Test
  void defaultRouterSendsEchoToTheEchoAppFromAnyone() {
    Router router = new Router();
    assertEquals(Optional.of(RouteTarget.Kind.APP), router.route("echo").map(RouteTarget::kind));
    assertEquals("echo", router.route("echo").orElseThrow().name());
    assertEquals(Optional.empty(), router.route("alice"));
    assertEquals(Optional.empty(), router.route("Echo"), "SIP user parts are case-sensitive");
    assertEquals(Optional.empty(), router.route(""));
    assertEquals(Optional.empty(), router.route(null), "a Request-URI without user part");
  }

  @Test
  void theDefaultConfigurationRoutesEchoLikeTheNoArgumentRouter() {
    Router router = Router.from(ConfigLoader.defaults());
    assertEquals("echo", router.route(Direction.INBOUND, "echo", CallSource.unknown()).orElseThrow().name());
  }

  @Test
  void exactMatchIsWholeAndCaseSensitive() {
    Router router = router("  - {direction: inbound, match: '4930', app: echo}\n");
    assertTrue(router.route(Direction.INBOUND, "4930", TRUNK).isPresent());
    assertEquals(Optional.empty(), router.route(Direction.INBOUND, "49301", TRUNK));
    assertEquals(Optional.empty(), router.route(Direction.INBOUND, "493", TRUNK));
  }

  @Test
  void prefixMatchesTheStartAndALoneStarMatchesEverything() {
    Router prefix = router("  - {direction: inbound, match: '+4930123*', app: echo}\n");
    assertTrue(prefix.route(Direction.INBOUND, "+4930123", TRUNK).isPresent(), "the prefix itself");
    assertTrue(prefix.route(Direction.INBOUND, "+493012345", TRUNK).isPresent());
    assertEquals(Optional.empty(), prefix.route(Direction.INBOUND, "4930123", TRUNK));
    Router any = router("  - {direction: inbound, match: '*', app: echo}\n");
    assertTrue(any.route(Direction.INBOUND, "", TRUNK).isPresent());
    assertTrue(any.route(Direction.INBOUND, null, TRUNK).isPresent());
    assertTrue(any.route(Direction.INBOUND, "anything", TRUNK).isPresent());
  }

  @Test
  void regexMustMatchTheWholeNumber() {
    Router router = router("  - {direction: inbound, match: '/1\\d\\d/', app: echo}\n");
    assertTrue(router.route(Direction.INBOUND, "123", TRUNK).isPresent());
    assertEquals(Optional.empty(), router.route(Direction.INBOUND, "1234", TRUNK), "no partial match");
    assertEquals(Optional.empty(), router.route(Direction.INBOUND, "x123", TRUNK));
  }

  @Test
  void outboundRewritesTheNumberWithStripThenPrepend() {
    Router router = router("  - {direction: outbound, match: '0*', provider: carrier1, strip: 1, prepend: '+49'}\n");
    RouteTarget target = router.route(Direction.OUTBOUND, "030123456", ALICE).orElseThrow();
    assertEquals(RouteTarget.Kind.PROVIDER, target.kind());
    assertEquals("carrier1", target.name());
    assertEquals("+4930123456", target.number());
  }

  @Test
  void stripBeyondTheNumberLeavesOnlyThePrefix() {
    assertEquals("+49", NumberRewrite.apply("01", 5, "+49"));
    assertEquals("", NumberRewrite.apply(null, 0, ""));
    assertEquals("0301", NumberRewrite.apply("0301", 0, ""));
  }

  @Test
  void firstMatchWins() {
    Router router = router("""
          - {direction: inbound, match: '+49301*', ring: [bob]}
          - {direction: inbound, match: '+4930*', ring: [alice]}
          - {direction: inbound, match: '*', app: echo}
        """);
    assertEquals(List.of("bob"), router.route(Direction.INBOUND, "+493011", TRUNK).orElseThrow().devices());
    assertEquals(List.of("alice"), router.route(Direction.INBOUND, "+493021", TRUNK).orElseThrow().devices());
    assertEquals(RouteTarget.Kind.APP, router.route(Direction.INBOUND, "+44", TRUNK).orElseThrow().kind());
  }

  @Test
  void aRouteTheCallerMayNotUseIsSkippedNotFatal() {
    Router router = router("""
          - {direction: inbound, match: '*', ring: [alice]}
          - {direction: inbound, match: '*', app: echo, from: any}
        """);
    assertEquals(RouteTarget.Kind.DEVICES, router.route(Direction.INBOUND, "1", TRUNK).orElseThrow().kind());
    assertEquals(RouteTarget.Kind.APP,
        router.route(Direction.INBOUND, "1", CallSource.unknown()).orElseThrow().kind());
  }

  @Test
  void routesOfTheOtherDirectionAreNotConsidered() {
    Router router = router("  - {direction: outbound, match: '*', provider: carrier1}\n");
    assertEquals(Optional.empty(), router.route(Direction.INBOUND, "0301", ALICE));
    assertTrue(router.route(Direction.OUTBOUND, "0301", ALICE).isPresent());
  }

  @Test
  void ringRouteCarriesItsTimeoutAndNoAnswerTarget() {
    Router router = router("""
          - {direction: inbound, match: '*', ring: [alice, bob], ring_timeout: 25s, on_no_answer: {voicemail: box1}}
        """);
    RouteTarget target = router.route(Direction.INBOUND, "+49301", TRUNK).orElseThrow();
    assertEquals(List.of("alice", "bob"), target.devices());
    assertEquals(Duration.ofSeconds(25), target.ringTimeout());
    assertEquals(RouteTarget.Kind.VOICEMAIL, target.onNoAnswer().kind());
    assertEquals("box1", target.onNoAnswer().name());
  }

  @Test
  void aDeviceDiallingAnExtensionRingsThatDeviceBeforeAnyRoute() {
    Router router = router("  - {direction: outbound, match: '*', provider: carrier1}\n");
    RouteTarget target = router.route(Direction.OUTBOUND, "102", ALICE).orElseThrow();
    assertEquals(RouteTarget.Kind.DEVICES, target.kind());
    assertEquals(List.of("bob"), target.devices());
    assertEquals(RouteTarget.Kind.PROVIDER, router.route(Direction.OUTBOUND, "101", ALICE).orElseThrow().kind(),
        "a device never rings itself");
  }

  @Test
  void extensionsAreNotReachableFromTrunksOrUnknownCallersWithoutARoute() {
    Router router = router("  []\n");
    assertEquals(Optional.empty(), router.route(Direction.INBOUND, "102", TRUNK));
    assertEquals(Optional.empty(), router.route(Direction.INBOUND, "102", CallSource.unknown()));
  }

  @Test
  void withoutADirectionTheSecurityRuleAloneDecidesInFileOrder() {
    Router router = router("""
          - {direction: inbound, match: echo, app: echo, from: any}
          - {direction: outbound, match: '*', provider: carrier1}
          - {direction: inbound, match: '*', ring: [bob]}
        """);
    assertEquals(RouteTarget.Kind.APP, router.route("echo", ALICE).orElseThrow().kind(), "a device reaches the echo test");
    assertEquals(RouteTarget.Kind.PROVIDER, router.route("0301", ALICE).orElseThrow().kind());
    assertEquals(RouteTarget.Kind.DEVICES, router.route("0301", TRUNK).orElseThrow().kind(), "never out again");
    assertEquals(Optional.empty(), router.route("0301", CallSource.unknown()));
    assertEquals(RouteTarget.Kind.APP, router.route("echo", CallSource.unknown()).orElseThrow().kind());
  }
}
