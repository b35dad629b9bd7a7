package io.voicegateway.apps.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavRepairTest {
  @TempDir
  Path dir;

  /** A file as a killed writer leaves it: flushed once, then more written and never flushed. */
  private Path killedWriter(int channels, int flushedFrames, int moreFrames) throws Exception {
    Path file = dir.resolve("killed.wav");
    WavWriter w = WavWriter.create(file, 16000, channels);
    short[] frames = new short[(flushedFrames + moreFrames) * channels];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = (short) (i * 7);
    }
    w.write(Arrays.copyOf(frames, flushedFrames * channels), flushedFrames);
    w.flush();
    w.write(Arrays.copyOfRange(frames, flushedFrames * channels, frames.length), moreFrames);
    return file; // the writer is dropped unclosed, as by SIGKILL
  }

  @Test
  void aTruncatedFileGetsAHeaderForAllItsAudio() throws Exception {
    Path file = killedWriter(2, 10, 30);
    assertEquals(40, WavWriterTest.parsed(file, 16000, 2).length, "readable before repair: the flushed part");
    assertTrue(WavRepair.repair(file));
    assertEquals(160, WavWriterTest.parsed(file, 16000, 2).length);
    assertFalse(WavRepair.repair(file), "a sound file is left as it is");
  }

  @Test
  void halfAFrameAtTheEndIsCut() throws Exception {
    Path file = killedWriter(2, 4, 4);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - 3); // the kill landed inside a stereo frame
    }
    assertTrue(WavRepair.repair(file));
    assertEquals(44 + 7 * 4, Files.size(file));
    assertEquals(7 * 4, WavWriterTest.dataSize(file));
    assertEquals(7 * 4, WavWriterTest.parsed(file, 16000, 2).length);
  }

  @Test
  void foreignFilesAreLeftAlone() throws Exception {
    Path text = dir.resolve("notes.wav");
    Files.writeString(text, "not a wave file at all, but long enough to have a header's worth of bytes");
    Path tiny = dir.resolve("tiny.wav");
    Files.write(tiny, new byte[] {'R', 'I', 'F', 'F'});
    Path zeroChannels = killedWriter(1, 2, 2);
    try (RandomAccessFile f = new RandomAccessFile(zeroChannels.toFile(), "rw")) {
      f.seek(22);
      f.write(new byte[] {0, 0});
    }
    for (Path p : new Path[] {text, tiny, zeroChannels}) {
      byte[] before = Files.readAllBytes(p);
      assertFalse(WavRepair.repair(p), p.toString());
      assertArrayEquals(before, Files.readAllBytes(p));
    }
  }
}
