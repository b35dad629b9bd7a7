package io.voicegateway.control.route;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.RouteConfig.Direction;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A route's {@code record: true} reaches call control on the target, and on its no-answer fallback. */
class RouterRecordTest {
  private static Router router(String routes) {
    return Router.from(ConfigLoader.parse("""
        devices:
          - {id: alice, password: a, extension: "101"}
          - {id: bob, password: b, extension: "102"}
        routes:
        """ + routes, Map.of()));
  }

  @Test
  void theRoutesRecordIsOnItsTargetAndItsFallback() {
    Router router = router("""
          - {direction: outbound, match: "700", ring: [bob], record: true, on_no_answer: {app: echo}}
          - {direction: outbound, match: "701", ring: [bob]}
        """);
    RouteTarget recorded = router.route(Direction.OUTBOUND, "700", CallSource.device("alice")).orElseThrow();
    assertTrue(recorded.record());
    assertTrue(recorded.onNoAnswer().record(), "the fallback answers the same call: it is recorded too");
    assertFalse(router.route(Direction.OUTBOUND, "701", CallSource.device("alice")).orElseThrow().record());
    assertFalse(router.route(Direction.OUTBOUND, "102", CallSource.device("alice")).orElseThrow().record(),
        "extension dialling has no route, so no record");
  }
}
