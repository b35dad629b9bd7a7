package io.voicegateway.it;

import io.voicegateway.apps.prompts.EspeakTts;
import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.PromptLibrary;
import io.voicegateway.config.Prompt;
import io.voicegateway.config.PromptsConfig;
import io.voicegateway.testing.AudioMatch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/** What a caller heard of an app, against references: a prompt as the gateway renders it, or its own speech. */
final class IvrAudio {
  private IvrAudio() {}

  /**
   * {@code text} as the gateway's engine renders it (espeak-ng with its voice and speed, through a prompt library
   * of its own) against what the caller heard ({@code rate} Hz) from the first sound on.
   */
  static AudioMatch.Result promptMatch(PromptsConfig prompts, String text, short[] heard, int rate)
      throws Exception {
    PromptLibrary library = new PromptLibrary(new EspeakTts(prompts.voice(), prompts.speed()),
        Path.of(System.getProperty("java.io.tmpdir")).resolve("ivr-it-prompts-" + ProcessHandle.current().pid()),
        Path.of(""), Clock.systemUTC());
    PromptAudio audio = library.load(Prompt.text(text));
    short[] rendered = new short[audio.length()];
    for (int i = 0; i < rendered.length; i++) {
      rendered[i] = (short) Math.max(-32768, Math.min(32767, Math.round(audio.sample(i) * 32767)));
    }
    short[] reference = AudioMatch.resample(rendered, PromptAudio.SAMPLE_RATE, rate);
    int start = Math.max(0, onset(heard, rate) - rate / 20);
    short[] window = Arrays.copyOfRange(heard, start, Math.min(heard.length, start + reference.length + rate / 2));
    short[] trimmed = Arrays.copyOfRange(reference, onset(reference, rate), reference.length);
    return AudioMatch.align(trimmed, window, rate, 500, 300);
  }

  /** Where sound starts: the first 10 ms above a quiet floor. */
  static int onset(short[] pcm, int rate) {
    int step = rate / 100;
    for (int i = 0; i + step <= pcm.length; i += step) {
      double sum = 0;
      for (int j = i; j < i + step; j++) {
        sum += (double) pcm[j] * pcm[j];
      }
      if (Math.sqrt(sum / step) > 300) {
        return i;
      }
    }
    throw new AssertionError("nothing but silence");
  }

  /**
   * Both recordings end when the call does, so the last {@code seconds} of what was heard line up with the end of
   * what was sent: the sent part from the heard part's first second on (the last half second left out) is searched
   * in it with lags up to {@code maxLagMs}, enough for the network's delay and the moment between two hang-ups.
   */
  static AudioMatch.Result tailMatch(short[] sent, short[] heardAll, int seconds, int maxLagMs, int rate) {
    short[] heard = Arrays.copyOfRange(heardAll, Math.max(0, heardAll.length - seconds * rate), heardAll.length);
    int from = Math.max(0, sent.length - heard.length + rate);
    short[] s = Arrays.copyOfRange(sent, from, Math.max(from, sent.length - rate / 2));
    return AudioMatch.align(s, heard, rate, 500, maxLagMs);
  }
}
