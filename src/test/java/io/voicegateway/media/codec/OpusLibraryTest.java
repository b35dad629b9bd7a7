package io.voicegateway.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.voicegateway.media.SignalMetrics;
import io.voicegateway.media.codec.OpusLibrary.Kind;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Choosing the Opus implementation, and libopus's promise: no Java allocation per frame. */
class OpusLibraryTest {
  private static final int FRAME = 960;

  @Test
  void libopusIsChosenWhereItIsInstalled() {
    // .ci/run installs Debian's libopus0; a machine without it falls back, and this says why.
    OpusKinds.require(Kind.LIBOPUS);
    assertNull(OpusLibrary.nativeFailure());
    OpusLibrary auto = OpusLibrary.select("auto");
    assertEquals(Kind.LIBOPUS, auto.kind());
    assertTrue(auto.detail().startsWith("libopus 1."), auto.detail());
  }

  @Test
  void concentusCanBeForcedAndABadChoiceIsNamed() {
    OpusLibrary forced = OpusLibrary.select(" Concentus ");
    assertEquals(Kind.CONCENTUS, forced.kind());
    assertTrue(OpusLibrary.decoder(forced.kind()) instanceof ConcentusOpusDecoder);
    assertTrue(OpusLibrary.encoder(forced.kind(), null) instanceof ConcentusOpusEncoder);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpusLibrary.select("jni"));
    assertTrue(e.getMessage().contains(OpusLibrary.PROPERTY) && e.getMessage().contains("'jni'"), e.getMessage());
  }

  @Test
  void libopusFramesAllocateNothing() {
    OpusEncoderBase enc = OpusLibrary.factory(Kind.LIBOPUS).encoder(null);
    OpusDecoderBase dec = OpusLibrary.factory(Kind.LIBOPUS).decoder().get();
    short[] tone = SignalMetrics.tone(440, 48000, FRAME, 0.3);
    byte[] packet = new byte[1500];
    short[] out = new short[FRAME];
    runFrames(enc, dec, tone, packet, out, 200); // class loading and first compilations
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    runFrames(enc, dec, tone, packet, out, 500);
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertEquals(0, allocated, "bytes allocated over 500 frames of encode, decode, FEC decode and PLC");
  }

  private static void runFrames(OpusEncoderBase enc, OpusDecoderBase dec, short[] pcm, byte[] packet, short[] out,
      int frames) {
    for (int i = 0; i < frames; i++) {
      int len = enc.encode(pcm, 0, FRAME, packet, 0);
      if (dec.decode(packet, 0, len, out, 0) != FRAME) {
        throw new AssertionError("decode failed at frame " + i);
      }
      dec.decodeFec(packet, 0, len, out, 0, FRAME);
      dec.conceal(out, 0, FRAME);
    }
  }
}
