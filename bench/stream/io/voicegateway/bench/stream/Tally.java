package io.voicegateway.bench.stream;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the harness counted, from every thread. Latencies count only markers sent inside the measured window, so
 * the ramp and the hang-up stay out of the percentiles; packet and frame counts cover the whole run, to be set
 * against the gateway's counters (which also start at zero with the jar).
 */
final class Tally {
  final Latencies inbound = new Latencies();
  final Latencies outbound = new Latencies();
  final LongAdder rtpSent = new LongAdder();
  final LongAdder rtpReceived = new LongAdder();
  final LongAdder rtpOtherPayload = new LongAdder();
  final LongAdder wsMediaReceived = new LongAdder();
  final LongAdder wsChunkGaps = new LongAdder();
  final LongAdder wsMediaSent = new LongAdder();
  final LongAdder wsConnected = new LongAdder();
  final LongAdder wsStops = new LongAdder();
  final LongAdder inboundMarkersSent = new LongAdder();
  final LongAdder outboundMarkersSent = new LongAdder();
  final LongAdder unmatchedOnsets = new LongAdder();
  final LongAdder repeatedOnsets = new LongAdder();
  private volatile long windowStartNs = Long.MAX_VALUE;
  private volatile long windowEndNs = Long.MAX_VALUE;

  void openWindow(long now) {
    windowStartNs = now;
  }

  void closeWindow(long now) {
    windowEndNs = now;
  }

  boolean inWindow(long sentNs) {
    return sentNs >= windowStartNs && sentNs < windowEndNs;
  }

  /**
   * A burst seen at {@code seenNs}; {@code sentNs} is when the call's latest marker in that direction was sent,
   * {@code matchedNs} the marker this direction's previous burst was matched to. A second burst for one marker (the
   * marker's audio cut in two by a gap of 100 ms or more) is counted, not timed. Returns the marker now matched.
   */
  long onset(Latencies direction, long sentNs, long seenNs, long matchedNs) {
    if (sentNs == 0 || sentNs > seenNs) {
      unmatchedOnsets.increment();
    } else if (sentNs == matchedNs) {
      repeatedOnsets.increment();
    } else if (inWindow(sentNs)) {
      direction.add(seenNs - sentNs);
    }
    return sentNs;
  }
}
