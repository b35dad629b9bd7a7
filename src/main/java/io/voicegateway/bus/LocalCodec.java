package io.voicegateway.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes a record by reference on the local event bus (no copy, no serialisation). Records are
 * immutable, so sharing them across verticles is safe. Bridges use each record's JSON form instead.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {
  private final Class<T> type;

  private LocalCodec(Class<T> type) {
    this.type = type;
  }

  /** Registers a local codec as the default for each message record type. Call once per Vertx. */
  public static void registerAll(Vertx vertx) {
    register(vertx, CallEvent.class);
    register(vertx, MediaCommands.LegOpen.class);
    register(vertx, MediaCommands.LegOpened.class);
    register(vertx, MediaCommands.LegStart.class);
    register(vertx, MediaCommands.LegClose.class);
    register(vertx, MediaCommands.AppAttach.class);
    register(vertx, MediaCommands.DtmfSend.class);
    register(vertx, SipCommands.Hangup.class);
    register(vertx, SipCommands.Stream.class);
    register(vertx, MediaCommands.StreamStart.class);
    register(vertx, MediaCommands.StreamStop.class);
    register(vertx, TrunkRegistrationEvent.class);
  }

  private static <T> void register(Vertx vertx, Class<T> type) {
    vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
  }

  @Override
  public void encodeToWire(io.vertx.core.buffer.Buffer buffer, T t) {
    throw new UnsupportedOperationException(type.getSimpleName() + " is local-only; bridges use its JSON form");
  }

  @Override
  public T decodeFromWire(int pos, io.vertx.core.buffer.Buffer buffer) {
    throw new UnsupportedOperationException(type.getSimpleName() + " is local-only");
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return "local:" + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
