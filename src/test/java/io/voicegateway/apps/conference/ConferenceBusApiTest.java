package io.voicegateway.apps.conference;

import io.voicegateway.apps.FakeAppCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.ConferenceCommands;
import io.voicegateway.config.ConferencesConfig;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rooms on the bus as the REST API asks for them: list, one room, mute and kick, 404 for unknown names. */
class ConferenceBusApiTest {
  private final Vertx vertx = Vertx.vertx();
  private final Conferences conferences = new Conferences(new ConferencesConfig(List.of(
      new ConferencesConfig.Room("board", "4711", ConferencesConfig.DEFAULT_PIN_PROMPT, 4, true, true))));
  private final ConferenceApp app = new ConferenceApp(conferences, null);
  private final FakeAppCall alice = new FakeAppCall("c-alice", "lobby");

  @BeforeEach
  void start() throws Exception {
    BusCodecs.registerAll(vertx);
    // the rooms live on one context, as on the apps verticle: register and join there
    Promise<Void> started = Promise.promise();
    vertx.runOnContext(v -> {
      app.attach(alice);
      app.start(vertx).<Void>mapEmpty().onComplete(started);
    });
    started.future().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private <T> T ask(String address, Object body) throws Exception {
    return vertx.eventBus().<T>request(address, body).await(10, TimeUnit.SECONDS).body();
  }

  private int failure(String address, Object body) throws Exception {
    try {
      ask(address, body);
      throw new AssertionError("expected a failure from " + address);
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      assertTrue(cause instanceof ReplyException, cause.toString());
      return ((ReplyException) cause).failureCode();
    }
  }

  @Test
  void roomsAndParticipantsMuteAndKick() throws Exception {
    ConferenceCommands.Rooms rooms = ask(Addresses.CONFERENCES_LIST, new ConferenceCommands.RoomsQuery());
    assertEquals(List.of("board", "lobby"), rooms.rooms().stream().map(ConferenceCommands.Room::name).toList());

    ConferenceCommands.Room board = ask(Addresses.CONFERENCES_ROOM, new ConferenceCommands.RoomQuery("board"));
    assertEquals(new ConferenceCommands.Room("board", true, true, 4, List.of()), board);
    assertEquals(404, failure(Addresses.CONFERENCES_ROOM, new ConferenceCommands.RoomQuery("nope")));

    ConferenceCommands.Room muted = ask(Addresses.CONFERENCES_MUTE,
        new ConferenceCommands.Mute("lobby", "c-alice", true));
    assertTrue(muted.participants().get(0).muted());
    assertEquals(404, failure(Addresses.CONFERENCES_MUTE, new ConferenceCommands.Mute("lobby", "c-bob", true)));

    CallCommands.Done kicked = ask(Addresses.CONFERENCES_KICK, new ConferenceCommands.Kick("lobby", "c-alice"));
    assertEquals("c-alice", kicked.callId());
    assertEquals(List.of("kicked from conference lobby"), alice.hangups);
    assertEquals(404, failure(Addresses.CONFERENCES_KICK, new ConferenceCommands.Kick("board", "c-alice")));
  }
}
