package io.voicegateway.stream;

import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.onvoid.webrtc.media.audio.AudioProcessingStreamConfig;
import io.voicegateway.config.StreamingConfig.Cleaning;
import io.voicegateway.config.StreamingConfig.NoiseSuppression;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * Noise suppression and level normalisation by WebRTC's audio-processing module (webrtc-java's JNI binding): the
 * same code browsers run on a microphone. It takes 10 ms frames at 8, 16, 32 or 48 kHz, so a 20 ms frame is two
 * calls. The binding reads and writes PCM16 as bytes in the machine's order; the byte views here are made once,
 * so a frame allocates nothing on the Java heap.
 */
final class ApmSpeechCleaner implements SpeechCleaner {
  private static final java.util.Set<Integer> RATES = java.util.Set.of(8000, 16000, 32000, 48000);

  private final AudioProcessing apm;
  private final AudioProcessingStreamConfig format;
  private final int chunk;
  private final byte[] in;
  private final byte[] out;
  private final ShortBuffer inSamples;
  private final ShortBuffer outSamples;
  private final String description;
  private long failures;

  /**
   * @throws LinkageError      when the native library cannot be loaded (not linux-x86_64, libpulse0 missing)
   * @throws RuntimeException  when the binding cannot load or initialise it
   */
  ApmSpeechCleaner(Cleaning cleaning, int rate) {
    if (!supports(rate)) {
      throw new IllegalArgumentException("audio processing takes 8, 16, 32 or 48 kHz, not " + rate);
    }
    chunk = rate / 100;
    in = new byte[2 * chunk];
    out = new byte[2 * chunk];
    inSamples = ByteBuffer.wrap(in).order(ByteOrder.nativeOrder()).asShortBuffer();
    outSamples = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder()).asShortBuffer();
    format = new AudioProcessingStreamConfig(rate, 1);
    apm = new AudioProcessing();
    AudioProcessingConfig config = new AudioProcessingConfig();
    // No high-pass filter: its phase shift near the cut-off bends the voiced low end (a speech fixture through it
    // alone measures 8.7 dB SNR against itself), and G.711/G.722 callers bring no DC worth removing.
    config.highPassFilter.enabled = false;
    config.echoCanceller.enabled = false;
    config.noiseSuppression.enabled = cleaning.noiseSuppression() != NoiseSuppression.OFF;
    if (config.noiseSuppression.enabled) {
      config.noiseSuppression.level =
          AudioProcessingConfig.NoiseSuppression.Level.valueOf(cleaning.noiseSuppression().name());
    }
    config.gainControl.enabled = cleaning.normalize();
    config.gainControl.adaptiveDigital.enabled = cleaning.normalize();
    apm.applyConfig(config);
    description = "webrtc-apm(" + rate + " Hz, noise suppression "
        + cleaning.noiseSuppression().name().toLowerCase(java.util.Locale.ROOT)
        + (cleaning.normalize() ? ", normalize" : "") + ")";
  }

  /** The rates the module takes (a stream's are 8 and 16 kHz). */
  static boolean supports(int rate) {
    return RATES.contains(rate);
  }

  @Override
  public boolean clean(short[] pcm, int n) {
    if (n <= 0 || n % chunk != 0) {
      return false;
    }
    boolean cleaned = true;
    for (int offset = 0; offset < n; offset += chunk) {
      inSamples.clear();
      inSamples.put(pcm, offset, chunk);
      if (apm.processStream(in, format, format, out) != 0) {
        failures++;
        cleaned = false;
        continue;
      }
      outSamples.clear();
      outSamples.get(pcm, offset, chunk);
    }
    return cleaned;
  }

  /** 10 ms frames the module refused (an error code); they went on as they were. */
  long failures() {
    return failures;
  }

  @Override
  public void close() {
    apm.dispose();
  }

  @Override
  public String toString() {
    return description;
  }
}
