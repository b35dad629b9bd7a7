package io.voicegateway.control.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.RouteConfig.Direction;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The security rule as a table: which caller reaches which kind of route. */
class RouterSecurityTest {
  private static final Router ROUTER = Router.from(ConfigLoader.parse("""
      providers:
        - {id: carrier1, host: 203.0.113.5}
      devices:
        - {id: alice, password: a}
      routes:
        - {direction: inbound, match: any, app: echo, from: any}
        - {direction: inbound, match: default, app: echo}
        - {direction: inbound, match: known, app: echo, from: known}
        - {direction: inbound, match: trunk, app: echo, from: trunk}
        - {direction: inbound, match: device, app: echo, from: device}
        - {direction: outbound, match: '0*', provider: carrier1}
      """, Map.of()));

  static Stream<Arguments> table() {
    CallSource unknown = CallSource.unknown();
    CallSource trunk = CallSource.trunk("carrier1");
    CallSource device = CallSource.device("alice");
    return Stream.of(
        // unknown callers: only from: any, never outbound
        Arguments.of(unknown, Direction.INBOUND, "any", true),
        Arguments.of(unknown, Direction.INBOUND, "default", false),
        Arguments.of(unknown, Direction.INBOUND, "known", false),
        Arguments.of(unknown, Direction.INBOUND, "trunk", false),
        Arguments.of(unknown, Direction.INBOUND, "device", false),
        Arguments.of(unknown, Direction.OUTBOUND, "0301234", false),
        // trunks: inbound any/known/trunk, never out through a trunk again
        Arguments.of(trunk, Direction.INBOUND, "any", true),
        Arguments.of(trunk, Direction.INBOUND, "default", true),
        Arguments.of(trunk, Direction.INBOUND, "trunk", true),
        Arguments.of(trunk, Direction.INBOUND, "device", false),
        Arguments.of(trunk, Direction.OUTBOUND, "0301234", false),
        // authenticated devices: inbound any/known/device and outbound
        Arguments.of(device, Direction.INBOUND, "any", true),
        Arguments.of(device, Direction.INBOUND, "default", true),
        Arguments.of(device, Direction.INBOUND, "trunk", false),
        Arguments.of(device, Direction.INBOUND, "device", true),
        Arguments.of(device, Direction.OUTBOUND, "0301234", true));
  }

  @ParameterizedTest(name = "{0} → {1} {2}: {3}")
  @MethodSource("table")
  void whoReachesWhat(CallSource source, Direction direction, String number, boolean reached) {
    assertEquals(reached, ROUTER.route(direction, number, source).isPresent());
  }

  @ParameterizedTest(name = "{0} → {2} without direction: {3}")
  @MethodSource("table")
  void theSameTableHoldsWhenTheDirectionIsLeftToTheRule(CallSource source, Direction direction, String number,
      boolean reached) {
    // every number of the table matches exactly one inbound route, or (0301234) only the outbound one
    assertEquals(reached, ROUTER.route(number, source).isPresent());
  }
}
