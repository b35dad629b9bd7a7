package io.voicegateway.apps.voicemail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.VoicemailMessages.BoxSummary;
import io.voicegateway.bus.VoicemailMessages.Boxes;
import io.voicegateway.bus.VoicemailMessages.BoxesQuery;
import io.voicegateway.bus.VoicemailMessages.MessageRef;
import io.voicegateway.bus.VoicemailMessages.Messages;
import io.voicegateway.bus.VoicemailMessages.MessagesQuery;
import io.voicegateway.bus.VoicemailMessages.Received;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The voicemail side of the REST API, on the bus (the http edge never sees the apps): boxes with their counts, a
 * box's messages, a message's WAV, delete and mark heard; and {@code VOICEMAIL_RECEIVED} published for each stored
 * message. Index and files are touched on workers only; failures are HTTP statuses (404 unknown box or message).
 */
final class VoicemailService {
  private static final Logger LOG = Logger.getLogger(VoicemailService.class.getName());

  private final Vertx vertx;
  private final Voicemail voicemail;

  private VoicemailService(Vertx vertx, Voicemail voicemail) {
    this.vertx = vertx;
    this.voicemail = voicemail;
  }

  /**
   * Registers the consumers; with boxes configured, first mends what a killed gateway left ({@link Voicemail#recover}).
   */
  static Future<Void> start(Vertx vertx, Voicemail voicemail) {
    VoicemailService service = new VoicemailService(vertx, voicemail);
    EventBus bus = vertx.eventBus();
    voicemail.onStored(m -> bus.publish(Addresses.VOICEMAIL_EVENTS, Received.of(m)));
    Future<Void> recovered = voicemail.config().boxes().isEmpty() ? Future.succeededFuture()
        : vertx.<Void>executeBlocking(() -> {
          voicemail.recover(System.currentTimeMillis());
          return null;
        }).recover(err -> {
          // a broken index must not keep calls from being connected; messages fail one by one instead
          LOG.log(Level.SEVERE, "voicemail: start-up recovery failed", err);
          return Future.succeededFuture();
        });
    return recovered.compose(v -> Future.all(
        bus.<BoxesQuery>consumer(Addresses.VOICEMAIL_BOXES, service::boxes).completion(),
        bus.<MessagesQuery>consumer(Addresses.VOICEMAIL_MESSAGES, service::messages).completion(),
        bus.<MessageRef>consumer(Addresses.VOICEMAIL_AUDIO, service::audio).completion(),
        bus.<MessageRef>consumer(Addresses.VOICEMAIL_DELETE, service::delete).completion(),
        bus.<MessageRef>consumer(Addresses.VOICEMAIL_HEARD, service::heard).completion()).mapEmpty());
  }

  private void boxes(Message<BoxesQuery> msg) {
    answer(msg, () -> {
      List<BoxSummary> list = new ArrayList<>();
      for (String box : voicemail.config().boxes().keySet()) {
        list.add(voicemail.store().summary(box));
      }
      return new Boxes(list);
    });
  }

  private void messages(Message<MessagesQuery> msg) {
    String box = msg.body().box();
    answer(msg, () -> new Messages(knownBox(box), voicemail.store().messages(box)));
  }

  private void audio(Message<MessageRef> msg) {
    MessageRef ref = msg.body();
    answer(msg, () -> {
      knownMessage(ref);
      return Buffer.buffer(Files.readAllBytes(voicemail.file(ref.box(), ref.id())));
    });
  }

  private void delete(Message<MessageRef> msg) {
    MessageRef ref = msg.body();
    answer(msg, () -> {
      knownMessage(ref);
      voicemail.store().delete(ref.box(), ref.id());
      Files.deleteIfExists(voicemail.file(ref.box(), ref.id()));
      return new CallCommands.Done(ref.id());
    });
  }

  private void heard(Message<MessageRef> msg) {
    MessageRef ref = msg.body();
    answer(msg, () -> {
      knownMessage(ref);
      voicemail.store().markHeard(ref.box(), ref.id());
      return new CallCommands.Done(ref.id());
    });
  }

  private String knownBox(String box) {
    if (voicemail.config().box(box).isEmpty()) {
      throw new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 404, "no voicemail box '" + box + "'");
    }
    return box;
  }

  private void knownMessage(MessageRef ref) throws Exception {
    knownBox(ref.box());
    if (voicemail.store().find(ref.box(), ref.id()).isEmpty()) {
      throw new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 404,
          "no message '" + ref.id() + "' in voicemail box '" + ref.box() + "'");
    }
  }

  /** Runs {@code work} on a worker and replies with its result, or fails with its status (500 if it has none). */
  private <T> void answer(Message<?> msg, Callable<T> work) {
    vertx.executeBlocking(work, false).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(ar.result());
      } else if (ar.cause() instanceof ReplyException r) {
        msg.fail(r.failureCode(), r.getMessage());
      } else {
        LOG.log(Level.WARNING, "voicemail request failed", ar.cause());
        msg.fail(500, "voicemail store failed: " + ar.cause().getMessage());
      }
    });
  }
}
