package io.voicegateway.browser;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusReplies;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.control.CallFailure;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code vg.webrtc.*} requests and the media's {@code vg.media.webrtc.events}, served by {@link BrowserSignalling}.
 * Registered from the context that owns the calls, so every handler runs there. Every request gets an answer: the
 * reply record, or a failure whose code is the HTTP status ({@link CallFailure#status()}; anything else is a 500).
 */
public final class BrowserBusApi {
  private BrowserBusApi() {}

  /** Registers every consumer on the caller's context; completes when all are registered. */
  public static Future<?> register(Vertx vertx, BrowserSignalling signalling) {
    EventBus bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = List.of(
        bus.<WebRtcCommands.PhoneRegister>consumer(Addresses.WEBRTC_REGISTER, m -> answer(m, signalling::register)),
        bus.<WebRtcCommands.PhoneCall>consumer(Addresses.WEBRTC_CALL, m -> answer(m, signalling::call)),
        bus.<WebRtcCommands.SessionOffer>consumer(Addresses.WEBRTC_OFFER, m -> answer(m, signalling::offer)),
        bus.<WebRtcCommands.SessionLink>consumer(Addresses.WEBRTC_LINK, m -> answer(m, signalling::link)),
        bus.<WebRtcCommands.SessionClose>consumer(Addresses.WEBRTC_CLOSE, m -> answer(m, signalling::close)),
        bus.<WebRtcCommands.PhoneDecline>consumer(Addresses.WEBRTC_DECLINE, m -> answer(m, signalling::decline)),
        bus.<WebRtcCommands.PhoneGone>consumer(Addresses.WEBRTC_GONE, m -> signalling.gone(m.body())),
        bus.<WebRtcCommands.MediaState>consumer(Addresses.MEDIA_WEBRTC_EVENTS, m -> signalling.mediaState(m.body())));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private static <Q, R> void answer(Message<Q> msg, Function<Q, Future<R>> work) {
    BusReplies.answer(msg, work, BrowserBusApi::status, BrowserBusApi::text);
  }

  private static int status(Throwable failure) {
    return failure instanceof CallFailure f && f.status() >= 400 && f.status() < 600 ? f.status() : 500;
  }

  /** The failure's message without the status it starts with (the failure code says it already). */
  private static String text(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    String prefix = status(failure) + " ";
    return failure instanceof CallFailure && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
