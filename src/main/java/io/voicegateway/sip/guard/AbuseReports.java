package io.voicegateway.sip.guard;

import java.net.InetAddress;

/**
 * Where the SIP layer reports what an address did wrong; enough of it within the strike window bans the address
 * ({@code limits.garbage_ban_after}, {@code limits.auth_failures_ban_after}). Trusted addresses are never banned.
 */
public interface AbuseReports {
  /** An address that reports nothing (tests, a stack built without limits). */
  AbuseReports NONE = new AbuseReports() {
    @Override
    public void garbage(InetAddress source) {}

    @Override
    public void authFailed(InetAddress source) {}
  };

  /** A message from {@code source} could not be parsed or failed the raw checks. */
  void garbage(InetAddress source);

  /** A digest check from {@code source} failed (wrong password, unknown user, stale replay). */
  void authFailed(InetAddress source);
}
