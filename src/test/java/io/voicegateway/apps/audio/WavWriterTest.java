package io.voicegateway.apps.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {
  @TempDir
  Path dir;

  /** What the JDK's own WAV parser makes of the file: format and the data bytes the header declares. */
  static byte[] parsed(Path file, int rate, int channels) throws Exception {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
      AudioFormat f = in.getFormat();
      assertEquals(rate, (int) f.getSampleRate());
      assertEquals(channels, f.getChannels());
      assertEquals(16, f.getSampleSizeInBits());
      assertEquals(AudioFormat.Encoding.PCM_SIGNED, f.getEncoding());
      return in.readAllBytes();
    }
  }

  static int dataSize(Path file) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).getInt(40);
  }

  @Test
  void theHeaderCountsWhatIsFlushedAndAllOnClose() throws Exception {
    Path file = dir.resolve("sub/call.wav");
    WavWriter w = WavWriter.create(file, 16000, 2);
    assertEquals(0, parsed(file, 16000, 2).length, "a new file is already a valid empty WAV");
    w.write(new short[] {1, -1, 2, -2}, 2);
    w.flush();
    assertEquals(8, dataSize(file));
    w.write(new short[] {3, -3}, 1);
    assertEquals(8, dataSize(file), "not flushed yet: the header still says what the last flush saw");
    assertEquals(8, parsed(file, 16000, 2).length, "a parser reads up to the last flush");
    w.close();
    byte[] data = parsed(file, 16000, 2);
    assertArrayEquals(new byte[] {1, 0, -1, -1, 2, 0, -2, -1, 3, 0, -3, -1}, data);
    assertEquals(3, w.frames());
    assertEquals(0, w.durationMs());
  }

  @Test
  void monoDurationAndBadChannelCounts() throws Exception {
    try (WavWriter w = WavWriter.create(dir.resolve("m.wav"), 8000, 1)) {
      w.write(new short[8000], 8000);
      assertEquals(1000, w.durationMs());
    }
    assertEquals(16000, parsed(dir.resolve("m.wav"), 8000, 1).length);
    assertThrows(IllegalArgumentException.class, () -> WavWriter.create(dir.resolve("x.wav"), 8000, 3));
  }

  @Test
  void createTruncatesAnOldFile() throws Exception {
    Path file = dir.resolve("old.wav");
    Files.write(file, new byte[1000]);
    WavWriter.create(file, 16000, 1).close();
    assertEquals(44, Files.size(file));
  }
}
