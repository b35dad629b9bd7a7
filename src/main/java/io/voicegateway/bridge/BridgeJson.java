package io.voicegateway.bridge;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vertx.core.json.jackson.DatabindCodec;
import io.voicegateway.bus.CallEvent;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the bridges write a {@link CallEvent} in its documented JSON form ({@link CallEvent#toJson()}).
 * Both bridges put a message's body into their JSON frame as it is and let Vert.x's Jackson mapper encode
 * it; without this, a record would come out with its Java accessor names ({@code xHeaders},
 * {@code timestampMs}). Other bodies keep Vert.x's defaults (a Buffer becomes base64url text).
 */
final class BridgeJson {
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private BridgeJson() {}

  /** Registers the serializer on Vert.x's shared mapper, once per JVM. */
  static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      DatabindCodec.mapper().registerModule(new SimpleModule("voice-gateway-bridge")
          .addSerializer(CallEvent.class, new CallEventSerializer()));
    }
  }

  private static final class CallEventSerializer extends StdSerializer<CallEvent> {
    CallEventSerializer() {
      super(CallEvent.class);
    }

    @Override
    public void serialize(CallEvent event, JsonGenerator gen, SerializerProvider provider) throws IOException {
      provider.defaultSerializeValue(event.toJson().getMap(), gen);
    }
  }
}
