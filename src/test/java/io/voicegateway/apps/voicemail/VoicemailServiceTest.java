package io.voicegateway.apps.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.apps.audio.WavWriter;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.VoicemailMessages.BoxSummary;
import io.voicegateway.bus.VoicemailMessages.Boxes;
import io.voicegateway.bus.VoicemailMessages.BoxesQuery;
import io.voicegateway.bus.VoicemailMessages.Message;
import io.voicegateway.bus.VoicemailMessages.MessageRef;
import io.voicegateway.bus.VoicemailMessages.Messages;
import io.voicegateway.bus.VoicemailMessages.MessagesQuery;
import io.voicegateway.bus.VoicemailMessages.Received;
import io.voicegateway.config.VoicemailBox;
import io.voicegateway.config.VoicemailConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API's voicemail questions over the bus, answered by the voicemail app, with the statuses it passes on. */
class VoicemailServiceTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private Voicemail voicemail;
  private VoicemailApp app;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    BusCodecs.registerAll(vertx);
    VoicemailBox box = new VoicemailBox("sales", VoicemailBox.DEFAULT_GREETING, List.of(),
        VoicemailBox.DEFAULT_MAX_LENGTH, null, VoicemailBox.DEFAULT_SILENCE_TIMEOUT);
    VoicemailBox empty = new VoicemailBox("empty", VoicemailBox.DEFAULT_GREETING, List.of(),
        VoicemailBox.DEFAULT_MAX_LENGTH, null, VoicemailBox.DEFAULT_SILENCE_TIMEOUT);
    voicemail = new Voicemail(new VoicemailConfig("*97", Map.of("sales", box, "empty", empty)), dir, p -> {
      throw new java.io.IOException("no prompts");
    });
    try (WavWriter w = WavWriter.create(voicemail.file("sales", "m1"), 16_000, 1)) {
      w.write(new short[16_000], 16_000);
    }
    voicemail.store().add(new Message("m1", "sales", "sip:a@x", "c1", 1_000, 1_000, false));
    app = new VoicemailApp(voicemail);
    app.start(vertx).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    app.stop();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private <T> T ask(String address, Object body) throws Exception {
    return vertx.eventBus().<T>request(address, body).await(10, TimeUnit.SECONDS).body();
  }

  private int failure(String address, Object body) {
    ReplyException e = assertThrows(ReplyException.class, () -> ask(address, body));
    return e.failureCode();
  }

  @Test
  void boxesMessagesAudioHeardAndDelete() throws Exception {
    Boxes boxes = ask(Addresses.VOICEMAIL_BOXES, new BoxesQuery());
    assertEquals(2, boxes.boxes().size());
    assertEquals(new BoxSummary("sales", 1, 1), boxes.boxes().stream().filter(b -> b.box().equals("sales"))
        .findFirst().orElseThrow());
    Messages messages = ask(Addresses.VOICEMAIL_MESSAGES, new MessagesQuery("sales"));
    assertEquals("m1", messages.messages().get(0).id());
    Buffer wav = ask(Addresses.VOICEMAIL_AUDIO, new MessageRef("sales", "m1"));
    assertEquals(Files.size(voicemail.file("sales", "m1")), wav.length());
    ask(Addresses.VOICEMAIL_HEARD, new MessageRef("sales", "m1"));
    assertEquals(new BoxSummary("sales", 0, 1), voicemail.store().summary("sales"));
    ask(Addresses.VOICEMAIL_DELETE, new MessageRef("sales", "m1"));
    assertEquals(new BoxSummary("sales", 0, 0), voicemail.store().summary("sales"));
    assertFalse(Files.exists(voicemail.file("sales", "m1")));
  }

  @Test
  void unknownBoxesAndMessagesAre404() {
    assertEquals(404, failure(Addresses.VOICEMAIL_MESSAGES, new MessagesQuery("nobody")));
    assertEquals(404, failure(Addresses.VOICEMAIL_AUDIO, new MessageRef("sales", "m2")));
    assertEquals(404, failure(Addresses.VOICEMAIL_AUDIO, new MessageRef("empty", "m1")));
    assertEquals(404, failure(Addresses.VOICEMAIL_DELETE, new MessageRef("nobody", "m1")));
    assertEquals(404, failure(Addresses.VOICEMAIL_HEARD, new MessageRef("sales", "nope")));
  }

  @Test
  void aStoredMessageIsPublished() throws Exception {
    CompletableFuture<Received> got = new CompletableFuture<>();
    vertx.eventBus().<Received>consumer(Addresses.VOICEMAIL_EVENTS, msg -> got.complete(msg.body()))
        .completion().await(5, TimeUnit.SECONDS);
    Message m = new Message("m9", "sales", "sip:b@x", "c9", 5_000, 2_500, false);
    voicemail.announce(m);
    assertEquals(Received.of(m), got.get(5, TimeUnit.SECONDS));
    assertEquals("VOICEMAIL_RECEIVED", got.get().type().name());
  }
}
