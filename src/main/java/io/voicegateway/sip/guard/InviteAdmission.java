package io.voicegateway.sip.guard;

import io.voicegateway.sip.registrar.FinalResponses;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The first step of a new INVITE: under overload ({@link OverloadGuard}) it is answered {@code 503} with
 * {@code Retry-After} before authentication, routing or any port is spent on it (RFC 3261 §21.5.4).
 */
public final class InviteAdmission {
  /** Admits everything: for handlers built without guards (tests). */
  public static final InviteAdmission OPEN = new InviteAdmission(null, null, null);

  private final OverloadGuard overload;
  private final MessageFactory messages;
  private final HeaderFactory headers;

  public InviteAdmission(OverloadGuard overload, MessageFactory messages, HeaderFactory headers) {
    this.overload = overload;
    this.messages = messages;
    this.headers = headers;
  }

  /** The 503 to send instead of handling {@code invite}, or empty to go on. */
  public Optional<Response> refusal(Request invite) {
    if (overload == null) {
      return Optional.empty();
    }
    return overload.overloaded().map(reason -> busy(invite, reason));
  }

  private Response busy(Request invite, String reason) {
    Response r = FinalResponses.create(messages, invite, Response.SERVICE_UNAVAILABLE,
        "Service Unavailable (overload: " + reason + ")");
    try {
      r.addHeader(headers.createRetryAfterHeader((int) overload.limits().retryAfter().toSeconds()));
    } catch (InvalidArgumentException e) {
      throw new IllegalStateException("retry_after is validated at load", e);
    }
    return r;
  }
}
