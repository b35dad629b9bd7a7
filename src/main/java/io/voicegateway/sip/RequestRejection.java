package io.voicegateway.sip;

import java.util.Map;

/**
 * The response {@link RequestChecks} wants sent instead of processing a request.
 *
 * @param status  the SIP status code (400, 406, 415, 416, 420, 483)
 * @param reason  the reason phrase, saying what exactly was wrong
 * @param headers extra headers the response must carry, name → value (e.g. {@code Unsupported}, {@code Accept})
 */
public record RequestRejection(int status, String reason, Map<String, String> headers) {

  public RequestRejection {
    headers = Map.copyOf(headers);
  }

  static RequestRejection of(int status, String reason) {
    return new RequestRejection(status, reason, Map.of());
  }
}
