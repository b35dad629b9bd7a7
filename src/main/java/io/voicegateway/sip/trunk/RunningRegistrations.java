package io.voicegateway.sip.trunk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The trunk registrations running, found by any provider id that uses them (a provider may share another's
 * registration), and the address each learnt we are seen at. Used on the SIP verticle's context.
 */
public final class RunningRegistrations {
  private final ProviderRegistrations configured;
  /** By the provider id of their {@link ProviderRegistrations.Entry}. */
  private final Map<String, TrunkRegistration> running = new LinkedHashMap<>();

  public RunningRegistrations(ProviderRegistrations configured) {
    this.configured = configured;
  }

  /** A registration started for {@code entry}. */
  public void started(ProviderRegistrations.Entry entry, TrunkRegistration registration) {
    running.put(entry.providerId(), registration);
  }

  /** The registration started for {@code entry}, forgotten (a reload stopped it); empty if none ran. */
  public Optional<TrunkRegistration> stopped(ProviderRegistrations.Entry entry) {
    return Optional.ofNullable(running.remove(entry.providerId()));
  }

  /**
   * The running registration a provider uses (also when it shares it with another provider id), for the public
   * address learnt from the trunk ({@link TrunkRegistration#publicAddress()}, {@code host:port}) to put in Contact
   * and SDP toward it. Empty when the provider does not register.
   */
  public Optional<TrunkRegistration> of(String providerId) {
    return configured.of(providerId).map(e -> running.get(e.providerId()));
  }

  /**
   * The host a provider's registration learnt we are seen at (Via received), when it differs from
   * {@code ourAddress}: what Contact, Via and SDP toward that trunk carry. Null otherwise.
   */
  public String learntHost(String providerId, String ourAddress) {
    String host = of(providerId).map(t -> ViaAddress.hostOf(t.publicAddress())).orElse(null);
    return host == null || host.equals(ourAddress) ? null : host;
  }
}
