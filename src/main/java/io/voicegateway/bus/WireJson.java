package io.voicegateway.bus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.voicegateway.codec.CodecType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson mapper of the bus's wire form. Records map by their component names unless a record says
 * otherwise ({@link CallEvent}); enums by their own {@code @JsonValue}, or, for types that must stay free of
 * Jackson (the media library's {@link CodecType}), by the mapping registered here.
 */
final class WireJson {
  /**
   * Unknown fields are ignored, so a node that added a field can talk to one that has not yet; a record with no
   * components (a query without parameters) is written as {@code {}}.
   */
  static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
      .registerModule(new SimpleModule("voice-gateway-bus")
          .addSerializer(CodecType.class, new CodecSerializer())
          .addDeserializer(CodecType.class, new CodecDeserializer()));

  private WireJson() {}

  /** A record's wire form as a Vert.x JSON object, for an edge that hands it on as JSON (the REST API). */
  static JsonObject toJsonObject(Record record) {
    try {
      return new JsonObject(Buffer.buffer(MAPPER.writeValueAsBytes(record)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record.getClass().getSimpleName(), e);
    }
  }

  /** A codec as its configuration name ({@code g711-ulaw}), as in {@code media.codecs}. */
  private static final class CodecSerializer extends StdSerializer<CodecType> {
    CodecSerializer() {
      super(CodecType.class);
    }

    @Override
    public void serialize(CodecType codec, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(codec.configName());
    }
  }

  private static final class CodecDeserializer extends StdDeserializer<CodecType> {
    CodecDeserializer() {
      super(CodecType.class);
    }

    @Override
    public CodecType deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String name = p.getValueAsString();
      return CodecType.byConfigName(name).orElseThrow(() -> ctx.weirdStringException(name, CodecType.class,
          "not a codec name (g711-ulaw, g711-alaw, g722, opus)"));
    }
  }
}
