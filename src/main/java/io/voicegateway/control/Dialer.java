package io.voicegateway.control;

import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Consumer;

/** Reaches a {@link Destination} as a new leg of a call (a SIP INVITE today; a browser or a stream later). */
public interface Dialer {
  /**
   * Creates the leg in {@code call} and allocates its media; the dial starts only on {@link Dial#start}. Fails
   * when no media can be allocated (the leg is then gone again).
   *
   * @param caller   the user part the destination is shown as calling (the caller's number), or null
   * @param headers  extra headers to carry (the caller's X- headers, Referred-By)
   * @param outcomes sees every {@link DialOutcome} of the dial, on the call's context
   */
  Future<Dial> prepare(Call call, Destination destination, String caller, Map<String, String> headers,
      Consumer<DialOutcome> outcomes);
}
