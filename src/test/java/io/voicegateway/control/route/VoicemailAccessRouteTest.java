package io.voicegateway.control.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.RouteConfig.Direction;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The voicemail access number reaches the owner app from an authenticated device, and from nobody else. */
class VoicemailAccessRouteTest {
  private static final Router ROUTER = Router.from(ConfigLoader.parse("""
      providers: [{id: carrier1, host: 203.0.113.5}]
      devices: [{id: alice, password: a, extension: "101"}]
      voicemail: {boxes: {alice: {owners: [alice]}}}
      routes:
        - {direction: inbound, match: '*', app: echo, from: any}
        - {direction: outbound, match: '*', provider: carrier1}
      """, Map.of()));

  @Test
  void aDeviceDiallingTheAccessNumberReachesTheOwnerApp() {
    for (Optional<RouteTarget> target : java.util.List.of(
        ROUTER.route("*97", CallSource.device("alice")),
        ROUTER.route(Direction.OUTBOUND, "*97", CallSource.device("alice")),
        ROUTER.route(Direction.INBOUND, "*97", CallSource.device("alice")))) {
      assertEquals(RouteTarget.Kind.APP, target.orElseThrow().kind());
      assertEquals(Router.VOICEMAIL_ACCESS_APP, target.orElseThrow().appName());
    }
  }

  @Test
  void aTrunkOrAStrangerDiallingItIsRoutedLikeAnyNumber() {
    assertEquals("echo", ROUTER.route("*97", CallSource.trunk("carrier1")).orElseThrow().appName());
    assertEquals("echo", ROUTER.route("*97", CallSource.unknown()).orElseThrow().appName());
  }

  @Test
  void withoutBoxesThereIsNoAccessNumber() {
    Router router = Router.from(ConfigLoader.parse("""
        devices: [{id: alice, password: a}]
        routes: [{direction: inbound, match: '*', app: echo}]
        """, Map.of()));
    assertTrue(router.route("*97", CallSource.device("alice")).map(t -> t.appName().equals("echo")).orElseThrow());
  }
}
