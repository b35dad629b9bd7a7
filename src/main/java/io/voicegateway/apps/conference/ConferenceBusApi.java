package io.voicegateway.apps.conference;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.ConferenceCommands;
import java.util.List;

/**
 * The conference rooms on the bus, for the REST API and the dashboard: list, one room, mute, kick. Registered from
 * the apps verticle's start, so it runs on the loop where the rooms live. 404 for an unknown room or member.
 */
final class ConferenceBusApi {
  private ConferenceBusApi() {}

  static Future<?> register(Vertx vertx, Conferences rooms) {
    var bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = List.of(
        bus.<ConferenceCommands.RoomsQuery>consumer(Addresses.CONFERENCES_LIST, msg -> msg.reply(rooms.list())),
        bus.<ConferenceCommands.RoomQuery>consumer(Addresses.CONFERENCES_ROOM, msg -> rooms.find(msg.body().room())
            .ifPresentOrElse(msg::reply, () -> msg.fail(404, "no conference room " + msg.body().room()))),
        bus.<ConferenceCommands.Mute>consumer(Addresses.CONFERENCES_MUTE, msg -> {
          ConferenceCommands.Mute m = msg.body();
          rooms.mute(m.room(), m.participant(), m.muted()).ifPresentOrElse(msg::reply,
              () -> msg.fail(404, noMember(m.room(), m.participant())));
        }),
        bus.<ConferenceCommands.Kick>consumer(Addresses.CONFERENCES_KICK, msg -> {
          ConferenceCommands.Kick k = msg.body();
          rooms.kick(k.room(), k.participant()).ifPresentOrElse(
              hungUp -> hungUp.onComplete(ar -> msg.reply(new CallCommands.Done(k.participant()))),
              () -> msg.fail(404, noMember(k.room(), k.participant())));
        }));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private static String noMember(String room, String participant) {
    return "no participant " + participant + " in conference room " + room;
  }
}
