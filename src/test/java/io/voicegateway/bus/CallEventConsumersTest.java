package io.voicegateway.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * In cluster mode every node's bus also carries the other nodes' call events (re-published for the dashboard and the
 * bridges, docs/scale-out.md). A service that acts on the calls it hears of (history rows, recordings, streams, apps,
 * media) would act on calls it does not hold: each consumer of {@code vg.call.events} in the code must skip them with
 * {@link CallEvent#fromAnotherNode}, but for the edges listed here, which show every node's events. A check on the
 * source, because the address is a constant the compiler inlines (no bytecode rule can see who reads it).
 */
class CallEventConsumersTest {
  /** The edges that show every node's calls: the dashboard's live feed. (The bridges' clients register at run time.) */
  private static final Set<String> SHOW_EVERY_NODE = Set.of("http/DashboardSocket.java");
  private static final Path MAIN = Path.of("src/main/java/io/voicegateway");

  @Test
  void everyServiceThatActsOnCallEventsSkipsAnotherNodesCalls() throws IOException {
    List<Path> consumers;
    try (Stream<Path> files = Files.walk(MAIN)) {
      consumers = files.filter(p -> p.toString().endsWith(".java")).filter(CallEventConsumersTest::consumesCallEvents)
          .toList();
    }
    assertTrue(consumers.size() >= 8, "found the consumers: " + consumers);
    for (Path file : consumers) {
      String name = MAIN.relativize(file).toString().replace('\\', '/');
      if (SHOW_EVERY_NODE.contains(name)) {
        continue;
      }
      assertTrue(read(file).contains("fromAnotherNode()"), name + " consumes " + Addresses.CALL_EVENTS
          + " but does not skip events of another node's calls (CallEvent.fromAnotherNode)");
    }
    assertEquals(SHOW_EVERY_NODE.size(), consumers.stream().filter(p -> SHOW_EVERY_NODE.contains(
        MAIN.relativize(p).toString().replace('\\', '/'))).count(), "the listed edges still exist");
  }

  private static boolean consumesCallEvents(Path file) {
    return read(file).replaceAll("\\s+", "").contains("consumer(Addresses.CALL_EVENTS");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
