package io.voicegateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StartupTimelineTest {
  private static final Pattern STEP = Pattern.compile("\\d+\\.\\d{2}-\\d+\\.\\d{2}");

  @Test
  void aStepIsMarkedWhenItsFutureCompletesAndAFailedOneSaysSo() {
    StartupTimeline timeline = new StartupTimeline();
    Promise<String> slow = Promise.promise();
    Future<String> timed = timeline.time("sip", slow::future);
    timeline.time("history", () -> Future.failedFuture("disk full"));
    assertTrue(!timeline.summary().contains("sip "), "not marked before it completes: " + timeline.summary());

    slow.complete("id");
    assertEquals("id", timed.result());
    String summary = timeline.summary();
    assertTrue(summary.startsWith("start-up: ready "), summary);
    assertTrue(summary.contains("history (failed) "), summary);
    assertTrue(summary.indexOf("history (failed)") < summary.indexOf("sip "), "in the order they ended: " + summary);
    assertTrue(STEP.matcher(summary.substring(summary.indexOf("sip "))).find(), summary);
    assertTrue(summary.matches(".*; \\d+ classes loaded$"), summary);
  }
}
