package io.voicegateway.sip.guard;

import io.voicegateway.config.LimitsConfig;
import io.voicegateway.sip.registrar.FinalResponses;
import java.net.InetAddress;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The first step of a new INVITE, before authentication, routing or any port is spent on it: under overload
 * ({@link OverloadGuard}, earlier for an untrusted address: strangers' share of the ports), or when its untrusted source already holds {@code limits.unknown_source_max_calls}
 * calls ({@link SourceCallCap}), it is answered {@code 503} with {@code Retry-After} (RFC 3261 §21.5.4).
 */
public final class InviteAdmission {
  /** Admits everything: for handlers built without guards (tests). */
  public static final InviteAdmission OPEN = new InviteAdmission(null, null, null, null);

  /**
   * What a new INVITE gets: the response that refuses it, or (refusal null) the slot its call holds until it ends.
   */
  public record Decision(Response refusal, SourceCallCap.Slot slot) {
    public boolean admitted() {
      return refusal == null;
    }
  }

  private final OverloadGuard overload;
  private final SourceCallCap calls;
  private final MessageFactory messages;
  private final HeaderFactory headers;

  public InviteAdmission(OverloadGuard overload, SourceCallCap calls, MessageFactory messages,
      HeaderFactory headers) {
    this.overload = overload;
    this.calls = calls;
    this.messages = messages;
    this.headers = headers;
  }

  /** Admits {@code invite} from {@code source} (null when unknown: no cap applies) or says why not. */
  public Decision admit(Request invite, InetAddress source) {
    if (overload != null) {
      // strangers' shares are source limiting: off with limits.enabled: false, like the per-address limits
      boolean stranger = overload.limits().enabled() && source != null && calls != null && !calls.trusts(source);
      Optional<String> reason = overload.overloaded(stranger);
      if (reason.isPresent()) {
        return new Decision(busy(invite, "overload: " + reason.get()), null);
      }
    }
    if (calls == null) {
      return new Decision(null, SourceCallCap.Slot.NONE);
    }
    return calls.take(source)
        .map(slot -> new Decision(null, slot))
        .orElseGet(() -> new Decision(busy(invite, "too many calls from this address"), null));
  }

  private Response busy(Request invite, String why) {
    Response r = FinalResponses.create(messages, invite, Response.SERVICE_UNAVAILABLE,
        "Service Unavailable (" + why + ")");
    try {
      LimitsConfig limits = overload != null ? overload.limits() : LimitsConfig.defaults();
      r.addHeader(headers.createRetryAfterHeader((int) limits.retryAfter().toSeconds()));
    } catch (InvalidArgumentException e) {
      throw new IllegalStateException("retry_after is validated at load", e);
    }
    return r;
  }
}
