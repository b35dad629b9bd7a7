package io.voicegateway.control;

import static io.voicegateway.bus.CallEventType.CALL_CONNECTED;
import static io.voicegateway.bus.CallEventType.CALL_ON_HOLD;
import static io.voicegateway.bus.CallEventType.CALL_RESUMED;
import static io.voicegateway.bus.CallEventType.CALL_TERMINATED;
import static io.voicegateway.bus.CallEventType.CALL_TRANSFERRED;
import static io.voicegateway.control.CallState.CONNECTED;
import static io.voicegateway.control.CallState.ON_HOLD;
import static io.voicegateway.control.CallState.RESUMED;
import static io.voicegateway.control.CallState.RINGING;
import static io.voicegateway.control.CallState.TERMINATED;
import static io.voicegateway.control.CallState.TRANSFERRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CallStateTest {

  /** Every legal move and what it publishes, written out by hand; every other pair is illegal. */
  private static final Map<List<CallState>, CallEventType> LEGAL = Map.ofEntries(
      Map.entry(List.of(RINGING, CONNECTED), CALL_CONNECTED),
      Map.entry(List.of(RINGING, TERMINATED), CALL_TERMINATED),
      Map.entry(List.of(CONNECTED, ON_HOLD), CALL_ON_HOLD),
      Map.entry(List.of(CONNECTED, TRANSFERRED), CALL_TRANSFERRED),
      Map.entry(List.of(CONNECTED, TERMINATED), CALL_TERMINATED),
      Map.entry(List.of(ON_HOLD, RESUMED), CALL_RESUMED),
      Map.entry(List.of(ON_HOLD, TRANSFERRED), CALL_TRANSFERRED),
      Map.entry(List.of(ON_HOLD, TERMINATED), CALL_TERMINATED),
      Map.entry(List.of(RESUMED, ON_HOLD), CALL_ON_HOLD),
      Map.entry(List.of(RESUMED, TRANSFERRED), CALL_TRANSFERRED),
      Map.entry(List.of(RESUMED, TERMINATED), CALL_TERMINATED),
      Map.entry(List.of(TRANSFERRED, TERMINATED), CALL_TERMINATED));

  /** All 36 (from, to) pairs with the expected event, or null for an illegal move. */
  static Stream<Arguments> allPairs() {
    List<Arguments> cases = new ArrayList<>();
    for (CallState from : CallState.values()) {
      for (CallState to : CallState.values()) {
        cases.add(Arguments.of(from, to, LEGAL.get(List.of(from, to))));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("allPairs")
  void transitionTable(CallState from, CallState to, CallEventType expected) {
    assertEquals(Optional.ofNullable(expected), CallState.eventFor(from, to));

    CallStateMachine machine = machineIn(from);
    if (expected != null) {
      assertEquals(expected, machine.transition(to));
      assertEquals(to, machine.state());
    } else {
      IllegalStateTransitionException e =
          assertThrows(IllegalStateTransitionException.class, () -> machine.transition(to));
      assertSame(from, e.from());
      assertSame(to, e.to());
      assertEquals(from, machine.state(), "a refused move leaves the state alone");
    }
  }

  @Test
  void tableCoversTwelveLegalMoves() {
    assertEquals(12, allPairs().filter(a -> a.get()[2] != null).count());
    assertEquals(24, allPairs().filter(a -> a.get()[2] == null).count());
  }

  @Test
  void aNewCallIsRingingAndPublishesStarted() {
    assertEquals(RINGING, new CallStateMachine().state());
    assertEquals(CallEventType.CALL_STARTED, CallStateMachine.STARTED_EVENT);
  }

  @Test
  void ringingIsPublishedOnceAndOnlyWhileRinging() {
    CallStateMachine m = new CallStateMachine();
    assertEquals(Optional.of(CallEventType.CALL_RINGING), m.ringing());
    assertTrue(m.ringing().isEmpty(), "a second 180 publishes nothing");
    m.transition(CONNECTED);
    assertTrue(m.ringing().isEmpty());

    CallStateMachine answeredWithoutRinging = new CallStateMachine();
    answeredWithoutRinging.transition(CONNECTED);
    assertTrue(answeredWithoutRinging.ringing().isEmpty());
  }

  @Test
  void aWholeCall() {
    CallStateMachine m = new CallStateMachine();
    List<CallEventType> events = new ArrayList<>();
    for (CallState s : List.of(CONNECTED, ON_HOLD, RESUMED, ON_HOLD, RESUMED, TRANSFERRED, TERMINATED)) {
      events.add(m.transition(s));
    }
    assertEquals(List.of(CALL_CONNECTED, CALL_ON_HOLD, CALL_RESUMED, CALL_ON_HOLD, CALL_RESUMED, CALL_TRANSFERRED,
        CALL_TERMINATED), events);
    assertTrue(m.state().isTerminal());
  }

  /** Drives a fresh machine to {@code target} along legal moves. */
  private static CallStateMachine machineIn(CallState target) {
    CallStateMachine m = new CallStateMachine();
    List<CallState> path = switch (target) {
      case RINGING -> List.of();
      case CONNECTED -> List.of(CONNECTED);
      case ON_HOLD -> List.of(CONNECTED, ON_HOLD);
      case RESUMED -> List.of(CONNECTED, ON_HOLD, RESUMED);
      case TRANSFERRED -> List.of(CONNECTED, TRANSFERRED);
      case TERMINATED -> List.of(TERMINATED);
    };
    path.forEach(m::transition);
    assertEquals(target, m.state());
    return m;
  }
}
