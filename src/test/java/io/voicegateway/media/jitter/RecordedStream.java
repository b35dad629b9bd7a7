package io.voicegateway.media.jitter;

import io.voicegateway.media.codec.AudioEncoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A "recorded" RTP stream built from PCM, and the network damage applied to it: loss (random or bursty),
 * duplicates, reordering and arrival jitter, all from a seeded Random. Times are in nanoseconds on a fake clock.
 */
final class RecordedStream {
  static final long MS = 1_000_000L;

  record Pkt(int seq, long ts, long ssrc, int pt, byte[] payload, long sendNanos, long arrivalNanos) {
    Pkt arriving(long at) {
      return new Pkt(seq, ts, ssrc, pt, payload, sendNanos, at);
    }
  }

  final List<Pkt> packets;

  RecordedStream(List<Pkt> packets) {
    this.packets = packets;
  }

  /** Encodes {@code pcm} into packets of {@code ptimeMs}, sent every ptime from {@code startNanos}. */
  static RecordedStream encode(short[] pcm, AudioEncoder enc, int pt, int ptimeMs, int firstSeq, long firstTs,
      long ssrc, long startNanos, int tsPerSample) {
    int per = enc.sampleRate() * ptimeMs / 1000;
    List<Pkt> out = new ArrayList<>();
    byte[] buf = new byte[4000];
    for (int i = 0, k = 0; i + per <= pcm.length; i += per, k++) {
      int len = enc.encode(pcm, i, per, buf, 0);
      out.add(new Pkt((firstSeq + k) & 0xFFFF, (firstTs + (long) i * tsPerSample) & 0xFFFFFFFFL, ssrc, pt,
          java.util.Arrays.copyOf(buf, len), startNanos + k * ptimeMs * MS, startNanos + k * ptimeMs * MS));
    }
    return new RecordedStream(out);
  }

  /** Drops each packet with probability {@code p}; returns how many were dropped. */
  RecordedStream randomLoss(double p, long seed) {
    Random r = new Random(seed);
    return new RecordedStream(packets.stream().filter(x -> r.nextDouble() >= p).toList());
  }

  /** Gilbert–Elliott bursts: enter a burst with {@code pStart}, stay with {@code pStay}; all lost inside. */
  RecordedStream burstLoss(double pStart, double pStay, long seed) {
    Random r = new Random(seed);
    List<Pkt> out = new ArrayList<>();
    boolean bad = false;
    for (Pkt x : packets) {
      bad = bad ? r.nextDouble() < pStay : r.nextDouble() < pStart;
      if (!bad) {
        out.add(x);
      }
    }
    return new RecordedStream(out);
  }

  /** Each arrival delayed by a uniform random 0..maxMs (which also reorders). */
  RecordedStream jitter(double maxMs, long seed) {
    Random r = new Random(seed);
    return new RecordedStream(
        packets.stream().map(x -> x.arriving(x.arrivalNanos() + (long) (r.nextDouble() * maxMs * MS))).toList())
        .sorted();
  }

  /** Swaps every {@code every}-th packet with its successor (arrival order). */
  RecordedStream swapEvery(int every) {
    List<Pkt> out = new ArrayList<>(packets);
    for (int i = every; i + 1 < out.size(); i += every) {
      Pkt a = out.get(i);
      Pkt b = out.get(i + 1);
      out.set(i, b.arriving(a.arrivalNanos()));
      out.set(i + 1, a.arriving(b.arrivalNanos()));
    }
    return new RecordedStream(out);
  }

  /** Sends a copy of each packet with probability {@code p}, {@code afterMs} later. */
  RecordedStream duplicates(double p, double afterMs, long seed) {
    Random r = new Random(seed);
    List<Pkt> out = new ArrayList<>(packets);
    for (Pkt x : packets) {
      if (r.nextDouble() < p) {
        out.add(x.arriving(x.arrivalNanos() + (long) (afterMs * MS)));
      }
    }
    return new RecordedStream(out).sorted();
  }

  RecordedStream shiftArrival(long nanos) {
    return new RecordedStream(packets.stream().map(x -> x.arriving(x.arrivalNanos() + nanos)).toList());
  }

  RecordedStream sorted() {
    List<Pkt> out = new ArrayList<>(packets);
    out.sort(Comparator.comparingLong(Pkt::arrivalNanos));
    return new RecordedStream(out);
  }

  RecordedStream concat(RecordedStream next) {
    List<Pkt> out = new ArrayList<>(packets);
    out.addAll(next.packets);
    return new RecordedStream(out).sorted();
  }
}
