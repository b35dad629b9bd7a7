package io.voicegateway.sip.registrar;

/**
 * One registered contact of a device.
 *
 * @param contact     the Contact URI as the device sent it
 * @param expiresAtMs when it lapses, on the store's clock
 * @param callId      Call-ID of the REGISTER that made or refreshed it (RFC 3261 §10.3 step 7 ordering)
 * @param cseq        its CSeq number
 * @param source      where that REGISTER came from: requests to this contact are sent there
 */
public record Binding(String deviceId, String contact, long expiresAtMs, String callId, long cseq, Source source) {

  /** Whole seconds left at {@code nowMs}, at least 0. */
  public long remainingSeconds(long nowMs) {
    return Math.max(0, (expiresAtMs - nowMs + 999) / 1000);
  }
}
