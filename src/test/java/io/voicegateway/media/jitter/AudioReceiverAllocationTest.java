package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.Codecs;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steady state allocates nothing: offer and readFrame with loss, reordering, PLC and depth changes. */
class AudioReceiverAllocationTest {
  @Test
  void noAllocationPerFrame() {
    var bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
    var mx = (com.sun.management.ThreadMXBean) bean;
    mx.setThreadAllocatedMemoryEnabled(true);

    short[] pcm = new short[8000 * 40];
    short[] one = TestSpeech.speech8k();
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = one[i % one.length];
    }
    List<RecordedStream.Pkt> ps = RecordedStream.encode(pcm, Codecs.encoder(CodecType.PCMU, null), 0, 30, 1, 0, 3, 0,
        1).randomLoss(0.1, 1).jitter(60, 2).packets;
    // Flatten into primitive arrays so the driving loop itself allocates nothing.
    int n = ps.size();
    int[] seq = new int[n];
    long[] ts = new long[n];
    long[] at = new long[n];
    byte[][] payload = new byte[n][];
    for (int i = 0; i < n; i++) {
      seq[i] = ps.get(i).seq();
      ts[i] = ps.get(i).ts();
      at[i] = ps.get(i).arrivalNanos();
      payload[i] = ps.get(i).payload();
    }
    AudioReceiver rx = new AudioReceiver(Codecs.decoder(CodecType.PCMU, null), 8000,
        new JitterSettings(40, 300, true, true));
    short[] out = new short[160];
    long thread = Thread.currentThread().getId();
    int next = 0;
    long before = 0;
    int ticks = 40 * 50;
    for (int t = 0; t < ticks; t++) {
      if (t == 500) {
        before = mx.getThreadAllocatedBytes(thread);
      }
      long now = t * 20_000_000L;
      while (next < n && at[next] <= now) {
        rx.offer(seq[next], ts[next], 3, 0, payload[next], 0, payload[next].length, at[next]);
        next++;
      }
      rx.readFrame(out);
    }
    long allocated = mx.getThreadAllocatedBytes(thread) - before;
    assertTrue(rx.stats().concealedFrames() > 50 && rx.stats().lost() > 50, rx.stats().toString());
    assertTrue(allocated < 1024, allocated + " bytes allocated over " + (ticks - 500) + " frames");
  }
}
