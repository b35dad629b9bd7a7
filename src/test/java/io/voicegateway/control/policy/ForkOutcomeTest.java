package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForkOutcomeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "486 486,     486",
      "486 603,     486",
      "603 600,     486",
      "603,         486",
      "404,         404",
      "404 404,     404",
      "486 408,     480",
      "503 404,     480",
  })
  void theCallerHearsTheBestStatus(String statuses, int expected) {
    ForkOutcome outcome = new ForkOutcome();
    String[] each = statuses.trim().split(" +");
    for (int i = 0; i < each.length; i++) {
      outcome.dialled();
    }
    for (int i = 0; i < each.length; i++) {
      assertFalse(outcome.allFailed());
      outcome.failed(Integer.parseInt(each[i]));
    }
    assertTrue(outcome.allFailed());
    assertEquals(expected, outcome.status());
  }
}
