package io.voicegateway.media.dtmf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** At least a minute of synthetic speech from espeak-ng, several voices and texts, resampled by sox. */
final class SpeechCorpus {

  /** voice, words per minute, pitch 0-99 */
  private static final String[][] VOICES = {
      {"en", "160", "50"}, {"en-us+f3", "175", "70"}, {"en+m3", "150", "35"}, {"de", "160", "55"},
      {"fr+f2", "170", "75"}, {"es", "165", "45"}, {"it+m1", "155", "40"}, {"en-gb+f4", "145", "85"},
  };

  private static final String[] TEXTS = {
      "Thank you for calling. Please hold while we connect you to the next available agent. "
          + "Your call is important to us, and it may be recorded for quality and training purposes.",
      "One, two, three, four, five, six, seven, eight, nine, zero. Press the star key or the hash key "
          + "when you are done. Say yes or no after the tone.",
      "The quick brown fox jumps over the lazy dog while the five boxing wizards jump quickly. "
          + "How vexingly quick daft zebras jump! Sphinx of black quartz, judge my vow.",
      "Good morning everyone, welcome to the weekly meeting. Today we will review the quarterly "
          + "numbers, the roadmap for next year, and the results of the customer satisfaction survey.",
      "Eeee, ooooh, aaaah, mmmmm, hmmmm. Hello? Hello? Can you hear me now? Yes, I can hear you "
          + "perfectly well. Singing la la la la la, do re mi fa so la ti do.",
  };

  private SpeechCorpus() {}

  /** @return 16-bit PCM at {@code sampleRate}, at least {@code minSeconds} long */
  static short[] generate(Path dir, int sampleRate, int minSeconds) throws IOException, InterruptedException {
    ExternalTools.require("espeak-ng", "sox");
    short[] all = new short[0];
    for (int i = 0; all.length < minSeconds * sampleRate; i++) {
      String[] voice = VOICES[i % VOICES.length];
      String text = TEXTS[i % TEXTS.length];
      Path wav = dir.resolve("speech" + i + ".wav");
      Path raw = dir.resolve("speech" + i + "-" + sampleRate + ".raw");
      ExternalTools.run("espeak-ng", "-v", voice[0], "-s", voice[1], "-p", voice[2], "-w", wav.toString(), text);
      ExternalTools.run("sox", wav.toString(), "-r", String.valueOf(sampleRate), "-c", "1", "-b", "16",
          "-e", "signed-integer", "-L", "-t", "raw", raw.toString());
      short[] part = readRaw(raw);
      int at = all.length;
      all = Arrays.copyOf(all, at + part.length);
      System.arraycopy(part, 0, all, at, part.length);
    }
    return all;
  }

  private static short[] readRaw(Path raw) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
    short[] pcm = new short[bytes.remaining() / 2];
    bytes.asShortBuffer().get(pcm);
    return pcm;
  }
}
