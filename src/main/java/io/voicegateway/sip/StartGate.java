package io.voicegateway.sip;

import io.voicegateway.sip.registrar.FinalResponses;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Whether this node takes calls yet (issue 13). The gateway builds and binds its SIP stack beside the media
 * verticles and their warm-up instead of after them, so a port conflict shows early and JAIN-SIP's start-up is off
 * the critical path; but the first call must still meet warm media code. Until {@link #open()} a new call (an
 * out-of-dialog INVITE) gets {@code 503} with {@code Retry-After} and an out-of-dialog OPTIONS gets {@code 503}, as on
 * a draining node, so a dispatcher's probe does not count this node in yet. Everything else (REGISTER, requests
 * inside a dialog, which cannot exist yet) is served. Read and written on the SIP context only.
 *
 * <p>Binding late instead (listening points made only once the warm-up ends) would keep most of the work on the
 * critical path: JAIN-SIP binds a listening point's socket and starts its processor in the same call that makes
 * it, and the provider everything else of the SIP side is wired to exists only after that.
 */
final class StartGate {
  /** Seconds a refused caller waits: a starting node is ready within seconds, a draining one is not (60 s). */
  static final int RETRY_AFTER_SECONDS = 2;

  private final MessageFactory messages;
  private final HeaderFactory headers;
  private boolean open;
  private long refused;

  StartGate(MessageFactory messages, HeaderFactory headers) {
    this.messages = messages;
    this.headers = headers;
  }

  /** Calls are taken from now on; returns how many requests were refused until now. */
  long open() {
    open = true;
    return refused;
  }

  boolean isOpen() {
    return open;
  }

  /** The 503 for {@code request} while the node is not ready to take calls; empty when it is to be served. */
  Optional<Response> refusal(Request request) {
    if (open || !outOfDialog(request)) {
      return Optional.empty();
    }
    String method = request.getMethod();
    if (!Request.INVITE.equals(method) && !Request.OPTIONS.equals(method)) {
      return Optional.empty();
    }
    refused++;
    Response r = FinalResponses.create(messages, request, Response.SERVICE_UNAVAILABLE,
        "Service Unavailable (starting)");
    try {
      r.addHeader(headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
    } catch (InvalidArgumentException e) {
      throw new IllegalStateException(e);
    }
    return Optional.of(r);
  }

  private static boolean outOfDialog(Request request) {
    ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
    return to == null || to.getTag() == null;
  }
}
