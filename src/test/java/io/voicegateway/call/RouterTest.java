package io.voicegateway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final Router router = new Router();

  @Test
  void echoUserGoesToTheEchoApp() {
    assertEquals(Optional.of(new RouteTarget(RouteTarget.Kind.APP, "echo")), router.route("echo"));
  }

  @Test
  void anythingElseHasNoRoute() {
    assertEquals(Optional.empty(), router.route("alice"));
    assertEquals(Optional.empty(), router.route("Echo"), "SIP user parts are case-sensitive");
    assertEquals(Optional.empty(), router.route(""));
    assertEquals(Optional.empty(), router.route(null), "a Request-URI without user part");
  }
}
