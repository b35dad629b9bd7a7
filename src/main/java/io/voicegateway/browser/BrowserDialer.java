package io.voicegateway.browser;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Dial;
import io.voicegateway.control.DialOutcome;
import io.voicegateway.control.Dialer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Call control's {@link Dialer} for logged-in dashboard phones: a {@link BrowserTarget} becomes a {@link BrowserDial}.
 * Nothing is allocated before the page answers (its session brings its own media), so preparing never fails for
 * want of a port.
 */
final class BrowserDialer implements Dialer {
  private final BrowserParts parts;

  BrowserDialer(BrowserParts parts) {
    this.parts = parts;
  }

  @Override
  public Future<Dial> prepare(Call call, Destination destination, String caller, Map<String, String> headers,
      Consumer<DialOutcome> outcomes) {
    if (!(destination instanceof BrowserTarget target)) {
      return Future.failedFuture(new IllegalArgumentException("not a browser: " + destination));
    }
    return Future.succeededFuture(new BrowserDial(call, target, caller, outcomes, parts));
  }
}
