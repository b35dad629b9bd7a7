package io.voicegateway.webrtc.ice;

/** What the ICE-lite responder did with one datagram, and the STUN error code it answered with (0 for none). */
public enum CheckOutcome {
  /** A valid check: answered with a Binding success response; consent is refreshed. */
  ACCEPTED(0),
  /** Not a check we can take (missing USERNAME, MESSAGE-INTEGRITY, PRIORITY or role): 400 Bad Request. */
  BAD_REQUEST(400),
  /** Wrong USERNAME or MESSAGE-INTEGRITY: 401 Unauthorized. */
  UNAUTHORIZED(401),
  /** An authenticated check with a comprehension-required attribute we do not know: 420 Unknown Attribute. */
  UNKNOWN_ATTRIBUTE(420),
  /** The browser also claims the controlled role; a lite agent cannot take the other: 487 Role Conflict. */
  ROLE_CONFLICT(487),
  /** Malformed, not a Binding request, or a bad FINGERPRINT: no answer at all. */
  DROPPED(0);

  private final int errorCode;

  CheckOutcome(int errorCode) {
    this.errorCode = errorCode;
  }

  /** The STUN error code of the response, or 0 for a success response or none. */
  public int errorCode() {
    return errorCode;
  }
}
