package io.voicegateway.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc4733SenderTest {

  /** One telephone-event packet as it would go on the wire. */
  record Packet(int tick, int seq, long timestamp, boolean marker, byte[] payload) {
    int event() {
      return payload[0] & 0xff;
    }

    boolean end() {
      return (payload[1] & 0x80) != 0;
    }

    int volume() {
      return payload[1] & 0x3f;
    }

    int duration() {
      return ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
    }
  }

  /** Runs the sender tick by tick from RTP timestamp {@code start}, as the mixer would. */
  static List<Packet> send(int clockRate, String digits, long start) {
    Rfc4733Sender sender = new Rfc4733Sender(clockRate);
    sender.queue(digits);
    List<Packet> packets = new ArrayList<>();
    long now = start;
    int seq = 1000;
    for (int tick = 0; sender.active(); tick++) {
      byte[] buf = new byte[8];
      if (sender.next(now, buf, 2) == 4) {
        byte[] payload = java.util.Arrays.copyOfRange(buf, 2, 6);
        packets.add(new Packet(tick, seq++, sender.timestamp(), sender.marker(), payload));
      }
      now = (now + clockRate / 50) & 0xffffffffL;
    }
    return packets;
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000, 48000})
  void sendsEachDigitAsRfc4733Event(int clockRate) {
    int unitsPerTick = clockRate / 50;
    List<Packet> packets = send(clockRate, "7#", 5000);
    assertEquals(14, packets.size(), "5 updates with the end, 2 more end copies, per digit");
    for (int d = 0; d < 2; d++) {
      List<Packet> event = packets.subList(d * 7, d * 7 + 7);
      long timestamp = 5000 + d * 8L * unitsPerTick; // 100 ms tone + 60 ms gap = 8 ticks
      for (int i = 0; i < 7; i++) {
        Packet p = event.get(i);
        assertEquals(d == 0 ? 7 : 11, p.event());
        assertEquals(timestamp, p.timestamp(), "same timestamp for the whole event");
        assertEquals(i == 0, p.marker(), "marker on the first packet only");
        assertEquals(i >= 4, p.end(), "end bit on the last three");
        assertEquals(Rfc4733Sender.VOLUME, p.volume());
        assertEquals(Math.min(i + 1, 5) * unitsPerTick, p.duration(), "duration grows by one tick, then holds");
        assertEquals(d * 8 + i, p.tick(), "one packet per 20 ms tick");
      }
    }
  }

  @Test
  void eventTimestampWrapsAround() {
    List<Packet> packets = send(8000, "12", 0xffffffffL - 500);
    assertEquals(0xffffffffL - 500, packets.get(0).timestamp());
    assertEquals((0xffffffffL - 500 + 8 * 160) & 0xffffffffL, packets.get(7).timestamp());
  }

  @Test
  void rejectsNonDigitsWithoutQueueingAnything() {
    Rfc4733Sender sender = new Rfc4733Sender(8000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender.queue("12x4"));
    assertTrue(e.getMessage().contains("12x4"));
    assertFalse(sender.active());
    assertThrows(IllegalArgumentException.class, () -> sender.queue("1".repeat(300)));
    assertFalse(sender.active());
    assertThrows(IllegalArgumentException.class, () -> new Rfc4733Sender(0));
  }

  @Test
  void acceptsLowerCaseLetters() {
    List<Packet> packets = send(8000, "abcd", 0);
    assertEquals(List.of(12, 13, 14, 15), packets.stream().filter(Packet::marker).map(Packet::event).toList());
  }

  @Test
  void allocatesNothingPerTick() {
    Rfc4733Sender sender = new Rfc4733Sender(8000);
    byte[] buf = new byte[4];
    String digits = "0123456789*#ABCD";
    Runnable ticks = () -> {
      sender.queue(digits); // the String is a constant: queueing copies codes into a ring buffer
      long now = 0;
      while (sender.active()) {
        sender.next(now, buf, 0);
        now += 160;
      }
    };
    assertEquals(0, Allocations.steadyState(ticks));
  }
}
