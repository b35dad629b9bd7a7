package io.voicegateway.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.AppQueries;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.MediaCommands.AppAttach;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.testing.FakeClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The apps verticle over the bus: the catalog decides, sessions hear the call's keys and its end. */
class AppsVerticleTest {
  private Vertx vertx;
  private AppsVerticle apps;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  /** An app that notes what happens to its sessions; "menu" hands the call to "mailbox" on key 9. */
  private final class Recording implements App {
    private final String name;

    Recording(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public AppSession attach(AppCall call) {
      seen.add(name + " on " + call.callId() + " with " + call.argument() + " at " + call.nowMs());
      return new AppSession() {
        @Override
        public io.voicegateway.media.MixerLeg leg() {
          return new EchoLeg();
        }

        @Override
        public void onDtmf(char digit, int durationMs) {
          seen.add(name + " key " + digit);
          if (digit == '9') {
            call.replaceWith("mailbox", "alice");
          } else if (digit == '5') {
            call.connect(CallCommands.HandOff.ring(call.callId(), List.of("bob"), 1000))
                .onSuccess(status -> seen.add(name + " handed off " + status));
          } else if (digit == '7') {
            call.publish(CallEventType.IVR_STEP, "key 7");
          }
        }

        @Override
        public void onEnd(String reason) {
          seen.add(name + " ended: " + reason);
        }
      };
    }
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    BusCodecs.registerAll(vertx);
    MediaEngine engine = TestMediaConfig.engine(40000, 40010);
    FakeClock clock = new FakeClock();
    apps = new AppsVerticle(engine, AppCatalog.of(new Recording("menu"), new Recording("mailbox"), new EchoApp()),
        clock::millis);
    await(vertx.deployVerticle(apps));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void listsTheCatalog() throws Exception {
    AppQueries.AppList list = await(vertx.eventBus().<AppQueries.AppList>request(Addresses.APPS_LIST,
        new AppQueries.ListQuery())).body();
    assertEquals(List.of("echo", "mailbox", "menu"), list.names());
  }

  @Test
  void anUnknownAppIs404AndNamesTheKnownOnes() {
    var e = assertThrows(ReplyException.class,
        () -> await(vertx.eventBus().request(Addresses.APPS_ATTACH, new AppAttach("c1", "ivr"))));
    assertEquals(404, e.failureCode());
    assertEquals("unknown app ivr; known: echo, mailbox, menu", e.getMessage());
  }

  @Test
  void keysReachTheSessionWhichCanHandTheCallOnAndTheEndReachesTheLast() throws Exception {
    AppAttach attach = new AppAttach("c1", "menu", "main");
    assertSame(attach, await(vertx.eventBus().request(Addresses.APPS_ATTACH, attach)).body());
    publish(dtmf("c1", "1"));
    publish(dtmf("c2", "2")); // another call's key is not ours
    publish(dtmf("c1", "9"));
    publish(event("c1", CallEventType.CALL_TERMINATED, "remote BYE"));
    await(vertx.eventBus().request(Addresses.APPS_LIST, new AppQueries.ListQuery())); // the events are handled
    assertEquals(List.of(
        "menu on c1 with main at " + new FakeClock().millis(),
        "menu key 1",
        "menu key 9",
        "menu ended: replaced by mailbox",
        "mailbox on c1 with alice at " + new FakeClock().millis(),
        "mailbox ended: remote BYE"), seen);
    assertEquals(0, apps.runningCalls());
  }

  @Test
  void aHandOffThatAnswersEndsTheSessionOneThatFailsLeavesIt() throws Exception {
    List<Integer> answers = new CopyOnWriteArrayList<>(List.of(486, 200));
    List<CallCommands.HandOff> asked = new CopyOnWriteArrayList<>();
    await(vertx.eventBus().<CallCommands.HandOff>consumer(Addresses.CALL_HAND_OFF, m -> {
      asked.add(m.body());
      m.reply(new CallCommands.HandedOff(m.body().callId(), answers.remove(0)));
    }).completion());
    List<CallEvent> steps = new CopyOnWriteArrayList<>();
    await(vertx.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, m -> {
      if (m.body().type() == CallEventType.IVR_STEP) {
        steps.add(m.body());
      }
    }).completion());
    await(vertx.eventBus().request(Addresses.APPS_ATTACH, new AppAttach("c1", "menu", "main", "sip:a@x", null,
        "sip:500@gw")));
    publish(dtmf("c1", "7"));
    publish(dtmf("c1", "5"));
    assertTrue(eventually(() -> seen.contains("menu handed off 486")));
    publish(dtmf("c1", "5"));
    assertTrue(eventually(() -> seen.contains("menu handed off 200")));
    publish(dtmf("c1", "1")); // nobody listens any more
    await(vertx.eventBus().request(Addresses.APPS_LIST, new AppQueries.ListQuery()));
    assertEquals(List.of("menu key 7", "menu key 5", "menu handed off 486", "menu key 5", "menu ended: connected",
        "menu handed off 200"), seen.subList(1, seen.size()));
    assertEquals(List.of(CallCommands.HandOff.ring("c1", List.of("bob"), 1000)), asked.subList(0, 1));
    assertEquals(1, steps.size());
    assertEquals("key 7", steps.get(0).reason());
    assertEquals("c1", steps.get(0).callId());
    assertEquals("sip:500@gw", steps.get(0).to());
    assertEquals(1, apps.runningCalls(), "the call's slot stays for an app attached later");
  }

  private boolean eventually(java.util.function.BooleanSupplier condition) throws Exception {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      await(vertx.eventBus().request(Addresses.APPS_LIST, new AppQueries.ListQuery())); // a round trip, no sleep
    }
    return condition.getAsBoolean();
  }

  private void publish(CallEvent e) {
    vertx.eventBus().publish(Addresses.CALL_EVENTS, e);
  }

  private static CallEvent event(String callId, CallEventType type, String reason) {
    return new CallEvent(type, callId, CallDirection.INBOUND, "sip:a@x", "sip:menu@gw", "s-" + callId, Map.of(),
        5, null, 0, reason);
  }

  private static CallEvent dtmf(String callId, String digit) {
    return new CallEvent(CallEventType.DTMF_RECEIVED, callId, CallDirection.INBOUND, "sip:a@x", "sip:menu@gw",
        "s-" + callId, Map.of(), 5, digit, 100, null);
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }
}
