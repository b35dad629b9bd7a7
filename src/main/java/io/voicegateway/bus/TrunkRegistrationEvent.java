package io.voicegateway.bus;

/**
 * The state of one trunk registration, published on {@link Addresses#TRUNK_REGISTRATION_EVENTS} on every change.
 *
 * @param aor           the address of record registered ({@code media.registrations[].uri})
 * @param state         REGISTERING, REGISTERED, FAILED or STOPPED (on the wire those names)
 * @param expiresAtMs   wall-clock ms when the registrar's binding lapses (REGISTERED), else 0
 * @param lastError     why the last attempt failed (FAILED), else null
 * @param nextRetryAtMs wall-clock ms of the next attempt after a failure (FAILED), else 0
 * @param publicAddress host:port the registrar saw us at (Via received/rport), or null before any answer
 */
public record TrunkRegistrationEvent(String aor, TrunkState state, long expiresAtMs, String lastError,
    long nextRetryAtMs, String publicAddress, long timestampMs) {}
