package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendLanesTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final SendLanes lanes = new SendLanes();
  private final List<String> sent = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Queues on the SIP context, as the gateway does, and hands back the send's future. */
  private Future<Void> onContext(Supplier<Future<Void>> queue) throws Exception {
    CompletableFuture<Future<Void>> out = new CompletableFuture<>();
    context.runOnContext(v -> out.complete(queue.get()));
    return out.get(10, TimeUnit.SECONDS);
  }

  private SendLanes.Send record(String name, CountDownLatch until) {
    return () -> {
      assertTrue(until.await(10, TimeUnit.SECONDS), "never released");
      sent.add(name);
    };
  }

  private static void await(Future<Void> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void udpSendsAtOnceOnTheCallersThread() {
    Thread caller = Thread.currentThread();
    Future<Void> f = lanes.send(List.of(), () -> sent.add(Thread.currentThread() == caller ? "here" : "elsewhere"));
    assertTrue(f.succeeded());
    assertEquals(List.of("here"), sent);
  }

  @Test
  void aStalledPeerHoldsUpOnlyItsOwnLane() throws Exception {
    CountDownLatch stall = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(0);
    Future<Void> first = onContext(() -> lanes.send(List.of("tcp:a:5060", "call:1"), record("a1", stall)));
    Future<Void> second = onContext(() -> lanes.send(List.of("tcp:a:5060", "call:2"), record("a2", go)));
    Future<Void> other = onContext(() -> lanes.send(List.of("tcp:b:5060", "call:3"), record("b", go)));
    await(other);
    assertEquals(List.of("b"), sent);
    assertFalse(second.isComplete());
    stall.countDown();
    await(second);
    assertTrue(first.succeeded());
    assertEquals(List.of("b", "a1", "a2"), sent);
  }

  @Test
  void oneCallKeepsItsOrderAcrossDestinations() throws Exception {
    CountDownLatch stall = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(0);
    onContext(() -> lanes.send(List.of("tcp:a:5060", "call:1"), record("200", stall)));
    Future<Void> bye = onContext(() -> lanes.send(List.of("tcp:c:5060", "call:1"), record("BYE", go)));
    assertFalse(bye.isComplete());
    stall.countDown();
    await(bye);
    assertEquals(List.of("200", "BYE"), sent);
  }

  @Test
  void aFailedSendDoesNotStopTheNext() throws Exception {
    Future<Void> failed = onContext(() -> lanes.send(List.of("tls:a:5061"), () -> {
      throw new java.io.IOException("handshake failed");
    }));
    Future<Void> next = onContext(() -> lanes.send(List.of("tls:a:5061"), record("next", new CountDownLatch(0))));
    await(next);
    assertTrue(failed.failed());
    assertEquals(List.of("next"), sent);
  }

  @Test
  void aStreamSendOffTheSipContextIsRefused() throws Exception {
    await(onContext(() -> lanes.send(List.of("tcp:a:5060"), () -> sent.add("sip"))));
    Future<Void> noContext = lanes.send(List.of("tcp:a:5060"), () -> sent.add("no context"));
    CompletableFuture<Future<Void>> other = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> other.complete(lanes.send(List.of("tcp:b:5060"), () -> sent.add("other"))));
    assertInstanceOf(IllegalStateException.class, noContext.cause());
    assertInstanceOf(IllegalStateException.class, other.get(10, TimeUnit.SECONDS).cause());
    assertEquals(List.of("sip"), sent);
  }

  @Test
  void aDuplicateOfTheSipContextIsTheSipContext() throws Exception {
    // a periodic timer set up in a future's callback (the registrations' OPTIONS qualify) runs on a duplicate
    await(onContext(() -> lanes.send(List.of("ws:a:5066"), () -> sent.add("sip"))));
    Context duplicate = ((ContextInternal) context).duplicate();
    CompletableFuture<Future<Void>> fromDuplicate = new CompletableFuture<>();
    duplicate.runOnContext(v -> fromDuplicate.complete(lanes.send(List.of("ws:a:5066"), () -> sent.add("timer"))));
    await(fromDuplicate.get(10, TimeUnit.SECONDS));
    assertEquals(List.of("sip", "timer"), sent);
  }
}
