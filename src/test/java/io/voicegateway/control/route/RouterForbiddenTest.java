package io.voicegateway.control.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.config.ConfigLoader;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 403 or 404: a number some route serves but not for this caller, versus a number no route knows. */
class RouterForbiddenTest {
  private static final Router ROUTER = Router.from(ConfigLoader.parse("""
      providers:
        - {id: carrier1, host: 203.0.113.5}
      devices:
        - {id: alice, password: a, extension: "101"}
        - {id: bob, password: b, extension: "102"}
      routes:
        - {direction: inbound, match: echo, app: echo, from: any}
        - {direction: inbound, match: "+4930123*", ring: [alice], from: trunk}
        - {direction: inbound, match: "/9[0-9]{2}/", app: echo, from: device}
        - {direction: outbound, match: '0*', provider: carrier1, strip: 1, prepend: "+49"}
      """, Map.of()));

  static Stream<Arguments> table() {
    CallSource unknown = CallSource.unknown();
    CallSource trunk = CallSource.trunk("carrier1");
    CallSource device = CallSource.device("alice");
    return Stream.of(
        // an unknown source dialling out: the route exists but is not for it
        Arguments.of(unknown, "0301234567", true),
        Arguments.of(unknown, "+4930123456", true),
        Arguments.of(unknown, "901", true),
        Arguments.of(unknown, "echo", false),
        Arguments.of(unknown, "4711", false),
        Arguments.of(unknown, null, false),
        // a trunk must not hairpin out through a trunk, nor use device-only routes
        Arguments.of(trunk, "0301234567", true),
        Arguments.of(trunk, "901", true),
        Arguments.of(trunk, "+4930123456", false),
        Arguments.of(trunk, "4711", false),
        // a device is served by the outbound route and by extensions: never forbidden there
        Arguments.of(device, "0301234567", false),
        Arguments.of(device, "102", false),
        Arguments.of(device, "901", false),
        Arguments.of(device, "+4930123456", true),
        Arguments.of(device, "4711", false));
  }

  @ParameterizedTest(name = "{0} dials {1}: forbidden {2}")
  @MethodSource("table")
  void forbiddenOnlyWhenARouteMatchesButRefusesTheCaller(CallSource source, String number, boolean forbidden) {
    assertEquals(forbidden, ROUTER.forbidden(number, source));
    if (forbidden) {
      assertEquals(false, ROUTER.route(number, source).isPresent(), "forbidden implies no route");
    }
  }
}
