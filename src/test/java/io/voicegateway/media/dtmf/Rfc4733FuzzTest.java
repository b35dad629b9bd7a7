package io.voicegateway.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for a stream of RFC 4733 telephone-event packets (timestamp, marker, payload) mixed with audio
 * timestamps, into one {@link Rfc4733Receiver}. The contract: no exception for any payload; each report is a DTMF
 * digit with a non-negative duration; no more reports than packets (every packet is one report at most).
 */
class Rfc4733FuzzTest {

  @FuzzTest
  void events(FuzzedDataProvider data) {
    int[] reports = {0};
    int clockRate = data.pickValue(new int[] {8000, 16000, 48000});
    Rfc4733Receiver receiver = new Rfc4733Receiver(clockRate, (digit, durationMs, source) -> {
      assertTrue("0123456789*#ABCD".indexOf(digit) >= 0, () -> "digit " + (int) digit);
      assertTrue(durationMs >= 0, () -> "duration " + durationMs);
      reports[0]++;
    });
    int packets = 0;
    while (data.remainingBytes() > 0) {
      long timestamp = data.consumeInt() & 0xffffffffL;
      if (data.consumeBoolean()) {
        receiver.onMediaTimestamp(timestamp);
        continue;
      }
      boolean marker = data.consumeBoolean();
      byte[] payload = data.consumeBytes(data.consumeInt(0, 12));
      int off = payload.length == 0 ? 0 : data.consumeInt(0, payload.length - 1);
      receiver.onPacket(packets++, timestamp, marker, payload, off, payload.length - off);
    }
    receiver.flush();
    int sent = packets;
    assertTrue(reports[0] <= sent, () -> reports[0] + " reports from " + sent + " packets");
  }
}
