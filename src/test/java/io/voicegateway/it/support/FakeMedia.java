package io.voicegateway.it.support;

import io.voicegateway.testing.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.MediaCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Stands in for the media side on the event bus: answers MEDIA_LEG_OPEN with a free port (or a failure when
 * told to) and records every LegStart, LegClose, AppAttach and CallEvent. Replace with the real media
 * verticles to run the same tests against the full gateway.
 */
public final class FakeMedia {
  public final ConcurrentLinkedQueue<MediaCommands.LegOpen> opens = new ConcurrentLinkedQueue<>();
  public final ConcurrentLinkedQueue<MediaCommands.LegStart> starts = new ConcurrentLinkedQueue<>();
  public final ConcurrentLinkedQueue<MediaCommands.LegClose> closes = new ConcurrentLinkedQueue<>();
  public final ConcurrentLinkedQueue<MediaCommands.AppAttach> attaches = new ConcurrentLinkedQueue<>();
  public final ConcurrentLinkedQueue<CallEvent> events = new ConcurrentLinkedQueue<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private volatile boolean exhausted;
  private volatile long openDelayMs;

  public FakeMedia(Vertx vertx) {
    consumers.add(vertx.eventBus().<MediaCommands.LegOpen>consumer(Addresses.MEDIA_LEG_OPEN, msg -> {
      opens.add(msg.body());
      Runnable answer = () -> {
        if (exhausted) {
          msg.fail(503, "port pool exhausted");
        } else {
          msg.reply(new MediaCommands.LegOpened(msg.body().legId(), FreePorts.block(2)));
        }
      };
      if (openDelayMs > 0) {
        vertx.setTimer(openDelayMs, id -> answer.run());
      } else {
        answer.run();
      }
    }));
    consumers.add(vertx.eventBus().<MediaCommands.LegStart>consumer(Addresses.MEDIA_LEG_START, m -> {
      starts.add(m.body());
      m.reply(m.body()); // the UAS answers once the media side confirms the start
    }));
    consumers.add(vertx.eventBus().<MediaCommands.LegClose>consumer(Addresses.MEDIA_LEG_CLOSE, m -> closes.add(m.body())));
    consumers.add(vertx.eventBus().<MediaCommands.AppAttach>consumer(Addresses.APPS_ATTACH, m -> attaches.add(m.body())));
    consumers.add(vertx.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, m -> events.add(m.body())));
  }

  /** From now on LEG_OPEN fails as when the port pool is empty. */
  public void exhaust() {
    exhausted = true;
  }

  /** Answers LEG_OPEN only after {@code ms}, so calls stay ringing that long (to CANCEL them). */
  public void delayOpens(long ms) {
    openDelayMs = ms;
  }

  public long count(io.voicegateway.bus.CallEventType type) {
    return events.stream().filter(e -> e.type() == type).count();
  }

  public void close() {
    consumers.forEach(MessageConsumer::unregister);
  }
}
