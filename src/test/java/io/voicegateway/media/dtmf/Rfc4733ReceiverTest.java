package io.voicegateway.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc4733ReceiverTest {

  private static final String ALL = "0123456789*#ABCD";

  private final Presses presses = new Presses();

  private static void deliver(Rfc4733Receiver receiver, List<Rfc4733SenderTest.Packet> packets) {
    for (Rfc4733SenderTest.Packet p : packets) {
      receiver.onPacket(p.seq(), p.timestamp(), p.marker(), p.payload(), 0, 4);
    }
  }

  private static byte[] payload(int event, boolean end, int duration) {
    return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 48000})
  void roundTripsEveryDigit(int clockRate) {
    Rfc4733Receiver receiver = new Rfc4733Receiver(clockRate, presses);
    deliver(receiver, Rfc4733SenderTest.send(clockRate, ALL, 123456));
    assertEquals(ALL, presses.digits());
    presses.all.forEach(p -> assertEquals(Rfc4733Sender.TONE_MS, p.durationMs(), p.toString()));
    presses.all.forEach(p -> assertEquals(DtmfSource.RFC4733, p.source()));
    assertEquals(2 * ALL.length(), receiver.duplicates(), "two end copies per digit");
  }

  @Test
  void duplicatedPacketsGiveOneEventEach() {
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    List<Rfc4733SenderTest.Packet> doubled = new ArrayList<>();
    for (Rfc4733SenderTest.Packet p : Rfc4733SenderTest.send(8000, "159#*0D", 0)) {
      doubled.add(p);
      doubled.add(p);
    }
    deliver(receiver, doubled);
    assertEquals("159#*0D", presses.digits());
  }

  @Test
  void lostEndPacketsStillGiveOneEventOnTheNextEvent() {
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    List<Rfc4733SenderTest.Packet> packets = Rfc4733SenderTest.send(8000, "2468", 0);
    deliver(receiver, packets.stream().filter(p -> !p.end()).toList());
    assertEquals("246", presses.digits(), "each closed by the next event's new timestamp");
    receiver.flush();
    assertEquals("2468", presses.digits(), "the last one closed by flush");
    presses.all.forEach(p -> assertEquals(80, p.durationMs(), "longest duration seen: 4 updates"));
  }

  @Test
  void lostEndPacketsAreReportedOnceTheStreamMovesPastTheTimeout() {
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    List<Rfc4733SenderTest.Packet> packets = Rfc4733SenderTest.send(8000, "5", 8000);
    deliver(receiver, packets.stream().filter(p -> !p.end()).toList()); // event 8000, last duration 640
    long lastEnd = 8000 + 640;
    receiver.onMediaTimestamp(lastEnd + 8 * Rfc4733Receiver.END_TIMEOUT_MS); // exactly at the timeout
    assertEquals("", presses.digits());
    receiver.onMediaTimestamp(lastEnd + 8 * Rfc4733Receiver.END_TIMEOUT_MS + 160);
    assertEquals("5", presses.digits());
    receiver.onMediaTimestamp(lastEnd + 100_000);
    receiver.flush();
    assertEquals("5", presses.digits(), "reported once");
  }

  @Test
  void audioDuringAnOngoingEventDoesNotEndIt() {
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    for (int i = 0; i < 50; i++) { // a 1 s key press with audio sent alongside
      receiver.onPacket(i, 1000, i == 0, payload(9, false, (i + 1) * 160), 0, 4);
      receiver.onMediaTimestamp(1000 + i * 160L);
    }
    receiver.onPacket(50, 1000, false, payload(9, true, 8000), 0, 4);
    assertEquals(List.of(new Presses.Press('9', 1000, DtmfSource.RFC4733)), presses.all);
  }

  @Test
  void lateUpdatesAndReorderedOldEventsAreDropped() {
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    receiver.onPacket(1, 1000, true, payload(1, false, 160), 0, 4);
    receiver.onPacket(3, 1000, false, payload(1, true, 480), 0, 4);
    receiver.onPacket(2, 1000, false, payload(1, false, 320), 0, 4); // late update of a reported event
    receiver.onPacket(10, 3000, true, payload(2, true, 400), 0, 4);
    receiver.onPacket(4, 1000, false, payload(1, true, 480), 0, 4); // older event, after a newer one
    assertEquals("12", presses.digits());
    assertEquals(2, receiver.duplicates());
  }

  @Test
  void samePressedTwiceIsTwoEvents() {
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    deliver(receiver, Rfc4733SenderTest.send(8000, "33", 0));
    assertEquals("33", presses.digits());
  }

  @Test
  void longEventSplitIntoSegmentsIsOnePress() {
    // RFC 4733 2.5.1.3: past 0xFFFF units the sender starts a new segment with a new timestamp
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    receiver.onPacket(1, 0, true, payload(0, false, 30000), 0, 4);
    receiver.onPacket(2, 0, false, payload(0, false, 0xffff), 0, 4);
    receiver.onPacket(3, 0xffff, false, payload(0, false, 1000), 0, 4);
    receiver.onPacket(4, 0xffff, false, payload(0, true, 2000), 0, 4);
    assertEquals(List.of(new Presses.Press('0', (0xffff + 2000) / 8, DtmfSource.RFC4733)), presses.all);
  }

  @Test
  void timestampsWrapAround() {
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    deliver(receiver, Rfc4733SenderTest.send(8000, "ABCD", 0xffffffffL - 1000));
    assertEquals("ABCD", presses.digits());
  }

  @Test
  void otherEventsAreCountedNotReported() {
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    for (int copy = 0; copy < 3; copy++) {
      receiver.onPacket(1 + copy, 500, copy == 0, payload(16, true, 800), 0, 4); // flash, end sent 3 times
    }
    receiver.onPacket(4, 2000, true, payload(255, false, 160), 0, 4);
    receiver.flush();
    receiver.onPacket(5, 4000, true, payload(4, true, 800), 0, 4);
    assertEquals("4", presses.digits());
    assertEquals(2, receiver.ignored());
  }

  @Test
  void malformedPayloadsAreCountedAndDropped() {
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    receiver.onPacket(1, 100, true, new byte[3], 0, 3);
    receiver.onPacket(2, 100, true, new byte[0], 0, 0);
    receiver.onPacket(3, 100, true, null, 0, 4);
    receiver.onPacket(4, 100, true, new byte[4], 2, 4); // runs past the buffer
    receiver.onPacket(5, 100, true, new byte[4], -1, 4);
    assertEquals(5, receiver.malformed());
    receiver.onPacket(6, 200, true, payload(7, true, 800), 0, 4);
    assertEquals("7", presses.digits(), "still works after bad input");
  }

  @Test
  void allocatesNothingPerPacket() {
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, (d, ms, s) -> { });
    byte[] update = payload(5, false, 320);
    byte[] end = payload(5, true, 800);
    Runnable packets = () -> {
      for (int i = 0; i < 1000; i++) {
        receiver.onPacket(i, i * 1280L, true, update, 0, 4);
        receiver.onPacket(i, i * 1280L, false, end, 0, 4);
        receiver.onPacket(i, i * 1280L, false, end, 0, 4);
      }
    };
    assertEquals(0, Allocations.steadyState(packets));
  }
}
