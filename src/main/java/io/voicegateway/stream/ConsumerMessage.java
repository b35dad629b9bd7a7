package io.voicegateway.stream;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * One message a consumer sends back on a bidirectional stream, as Twilio accepts them: {@code media} with a base64
 * {@code media.payload}, {@code mark} with {@code mark.name}, {@code clear}. Anything else (another event, bad JSON,
 * a media without payload, a mark without name) is {@link Kind#IGNORED}, as Twilio ignores it: the call goes on.
 */
record ConsumerMessage(Kind kind, byte[] payload, String markName, String problem) {
  enum Kind { MEDIA, MARK, CLEAR, IGNORED }

  static ConsumerMessage parse(String text) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return ignored("not a JSON object");
    }
    Object event = json.getValue("event");
    if (!(event instanceof String name)) {
      return ignored("no event");
    }
    return switch (name) {
      case "media" -> media(json);
      case "mark" -> mark(json);
      case "clear" -> new ConsumerMessage(Kind.CLEAR, null, null, null);
      default -> ignored("event " + name + " is not media, mark or clear");
    };
  }

  private static ConsumerMessage media(JsonObject json) {
    if (!(json.getValue("media") instanceof JsonObject media) || !(media.getValue("payload") instanceof String b64)) {
      return ignored("media without media.payload");
    }
    try {
      return new ConsumerMessage(Kind.MEDIA, Base64.getDecoder().decode(b64), null, null);
    } catch (IllegalArgumentException e) {
      return ignored("media.payload is not base64");
    }
  }

  private static ConsumerMessage mark(JsonObject json) {
    if (!(json.getValue("mark") instanceof JsonObject mark) || !(mark.getValue("name") instanceof String name)) {
      return ignored("mark without mark.name");
    }
    return new ConsumerMessage(Kind.MARK, null, name, null);
  }

  private static ConsumerMessage ignored(String problem) {
    return new ConsumerMessage(Kind.IGNORED, null, null, problem);
  }
}
