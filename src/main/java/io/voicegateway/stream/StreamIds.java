package io.voicegateway.stream;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Twilio-shaped ids: {@code MZ} and 32 hex digits for a stream, {@code AC} and 32 hex digits for the account (one,
 * fixed, for the gateway). The call's own id is the {@code callSid}, so a consumer can name the call to the REST API.
 */
final class StreamIds {
  private StreamIds() {}

  /** Stable per call and stream name, so a reconnection keeps its streamSid. */
  static String streamSid(String callId, String streamName) {
    return "MZ" + hex(UUID.nameUUIDFromBytes((callId + "/" + streamName).getBytes(StandardCharsets.UTF_8)));
  }

  static String accountSid() {
    return "AC" + hex(UUID.nameUUIDFromBytes("voice-gateway".getBytes(StandardCharsets.UTF_8)));
  }

  private static String hex(UUID id) {
    return id.toString().replace("-", "");
  }
}
