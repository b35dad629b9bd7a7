package io.voicegateway.sip;

import io.voicegateway.sip.stack.MalformedSip;
import java.util.Map;

/**
 * The response {@link RequestChecks} wants sent instead of processing a request.
 *
 * @param status    the SIP status code (400, 406, 415, 416, 420, 483, 505)
 * @param reason    the reason phrase, saying what exactly was wrong
 * @param headers   extra headers the response must carry, name → value (e.g. {@code Unsupported}, {@code Accept})
 * @param malformed why the request is malformed (counted in {@code vg_sip_malformed_total}); null when it is well
 *                  formed but asks for what we do not do (415, 416, 420, 406, 483)
 */
public record RequestRejection(int status, String reason, Map<String, String> headers, MalformedSip.Reason malformed) {

  public RequestRejection {
    headers = Map.copyOf(headers);
  }

  /** A refusal of a well-formed request. */
  public RequestRejection(int status, String reason, Map<String, String> headers) {
    this(status, reason, headers, null);
  }

  static RequestRejection of(int status, String reason) {
    return new RequestRejection(status, reason, Map.of());
  }

  /** A refusal of a malformed request, counted for {@code why}. */
  static RequestRejection malformed(int status, String reason, MalformedSip.Reason why) {
    return new RequestRejection(status, reason, Map.of(), why);
  }
}
