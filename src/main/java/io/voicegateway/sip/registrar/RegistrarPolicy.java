package io.voicegateway.sip.registrar;

import java.time.Duration;

/**
 * The registrar's bounds.
 *
 * @param minExpires     shorter requested intervals get 423 with Min-Expires (RFC 3261 §10.3 step 7)
 * @param maxExpires     longer ones are shortened to this
 * @param defaultExpires used when neither the contact nor the request says
 * @param maxContacts    per device; more are refused (a device cannot grow the table without bound)
 * @param nonceLifetime  after it a right answer gets {@code stale=true}
 */
public record RegistrarPolicy(
    long minExpires, long maxExpires, long defaultExpires, int maxContacts, Duration nonceLifetime,
    int maxAuthFailures, Duration failureWindow, Duration blockFor) {

  /** 60 s to 1 h, 10 contacts, nonces live 5 min; 5 failures in a minute block a source for 5 minutes. */
  public static RegistrarPolicy defaults() {
    return new RegistrarPolicy(60, 3600, 3600, 10, Duration.ofMinutes(5), 5, Duration.ofMinutes(1),
        Duration.ofMinutes(5));
  }
}
