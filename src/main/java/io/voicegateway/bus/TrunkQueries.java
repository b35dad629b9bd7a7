package io.voicegateway.bus;

import java.util.Map;

/** The trunk registrations' state, for the REST API's providers (see {@link Addresses#TRUNK_STATES}). */
public final class TrunkQueries {
  private TrunkQueries() {}

  public record StatesQuery() {}

  /**
   * @param byProvider the latest state of each configured provider that registers (providers sharing one
   *                   registration show the same), by provider id; providers that do not register are absent
   */
  public record States(Map<String, TrunkRegistrationEvent> byProvider) {
    public States {
      byProvider = Map.copyOf(byProvider);
    }
  }
}
