package io.voicegateway.call;

import java.util.Optional;

/**
 * Picks the target of an inbound INVITE from its Request-URI. For now one rule: user {@code echo} goes to
 * the echo app; anything else has no route (the SIP side answers 404). Configured routes come later.
 */
public final class Router {

  /**
   * @param requestUriUser the user part of the Request-URI, or null when it has none
   * @return the target, or empty when nothing matches
   */
  public Optional<RouteTarget> route(String requestUriUser) {
    if ("echo".equals(requestUriUser)) {
      return Optional.of(RouteTarget.app("echo"));
    }
    return Optional.empty();
  }
}
