package io.voicegateway.http;

import io.vertx.core.Future;
import io.voicegateway.config.DeviceConfig;
import java.util.List;

/**
 * Turns the {@code to} of an API request into a SIP URI to call or refer to: a {@code sip:}/{@code sips:} URI is
 * taken as it is; a configured device's id or extension becomes the address its registration came from
 * ({@code reachUri} of its first binding, so NAT is respected). A plain number is refused: numbers are routed only for a
 * caller the routes know, so the API dials them from a device (click-to-call).
 */
final class CallTargets {
  private final ControlRequests control;
  private final List<DeviceConfig> devices;

  CallTargets(ControlRequests control, List<DeviceConfig> devices) {
    this.control = control;
    this.devices = devices;
  }

  static boolean isSipUri(String s) {
    return s.startsWith("sip:") || s.startsWith("sips:");
  }

  boolean isDevice(String idOrExtension) {
    return devices.stream().anyMatch(d -> d.id().equals(idOrExtension) || idOrExtension.equals(d.extension()));
  }

  /** The URI for {@code to}; fails 409 for a device that is not registered, 501 for a number. */
  Future<String> resolve(String to) {
    if (isSipUri(to)) {
      return Future.succeededFuture(to);
    }
    if (!isDevice(to)) {
      return Future.failedFuture(new ApiException(501, "'" + to + "' is neither a SIP URI nor a device id or"
          + " extension; to call a number through a provider, originate from a device (click-to-call)"));
    }
    return control.bindings(to).map(found -> {
      if (found.bindings().isEmpty()) {
        throw ApiException.conflict("device " + to + " is not registered");
      }
      return found.bindings().get(0).reachUri();
    });
  }
}
