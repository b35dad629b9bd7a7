package io.voicegateway.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The codec of every message record. In one JVM the record itself is delivered (records are immutable, so
 * sharing is safe and nothing is copied); across a cluster or a bridge it travels as its JSON form
 * ({@link WireJson}): a 4-byte length, then UTF-8 JSON.
 */
public final class JsonRecordCodec<T extends Record> implements MessageCodec<T, T> {
  private final Class<T> type;

  JsonRecordCodec(Class<T> type) {
    this.type = type;
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public void encodeToWire(Buffer buffer, T record) {
    try {
      byte[] json = WireJson.MAPPER.writeValueAsBytes(record);
      buffer.appendInt(json.length).appendBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
    }
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    byte[] json = buffer.getBytes(pos + 4, pos + 4 + length);
    try {
      return WireJson.MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T transform(T record) {
    return record;
  }

  @Override
  public String name() {
    return "json:" + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
