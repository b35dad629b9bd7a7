package io.voicegateway.sip.auth;

/** What {@link DigestServer#verify} concluded about a request's credentials. */
public enum DigestVerdict {
  /** Right response on a live nonce we issued. */
  VALID,
  /** Right response, but the nonce has expired: challenge again with {@code stale=true}. */
  STALE,
  /** Right response, but its nonce-count is not above one already accepted for the nonce: a replay. */
  REPLAYED,
  /** Wrong password, a nonce we never issued, another realm, or a malformed value: challenge again. */
  INVALID
}
