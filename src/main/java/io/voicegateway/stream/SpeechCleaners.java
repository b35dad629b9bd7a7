package io.voicegateway.stream;

import io.voicegateway.config.StreamingConfig.Cleaning;
import io.voicegateway.config.StreamingConfig.NoiseSuppression;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Makes each stream's {@link SpeechCleaner}. The native audio-processing library is loaded on first use (it copies
 * a 23 MB library to a temporary file: call this off the event loop). When it cannot load, streams go on
 * uncleaned: one WARN for the process, and {@link #unavailable()} says so from then on.
 */
public final class SpeechCleaners {
  private static final Logger LOG = Logger.getLogger(SpeechCleaners.class.getName());
  /** The gateway's: WebRTC's audio-processing module. */
  public static final SpeechCleaners APM = new SpeechCleaners(ApmSpeechCleaner::new);

  private final BiFunction<Cleaning, Integer, SpeechCleaner> factory;
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile boolean unavailable;

  SpeechCleaners(BiFunction<Cleaning, Integer, SpeechCleaner> factory) {
    this.factory = factory;
  }

  /**
   * A cleaner for one stream at {@code rate}; {@link SpeechCleaner#NONE} when {@code cleaning} is off or the native
   * library cannot be used. May block (native load) the first time.
   */
  public SpeechCleaner open(Cleaning cleaning, int rate) {
    if (!cleaning.enabled() || unavailable) {
      return SpeechCleaner.NONE;
    }
    if (!ApmSpeechCleaner.supports(rate)) {
      LOG.fine("no cleaning at " + rate + " Hz: audio processing takes 8, 16, 32 or 48 kHz");
      return SpeechCleaner.NONE;
    }
    try {
      return factory.apply(cleaning, rate);
    } catch (LinkageError | RuntimeException e) {
      unavailable = true;
      if (warned.compareAndSet(false, true)) {
        LOG.warning("streams go on without noise suppression and normalisation: the audio-processing library"
            + " cannot be used (" + describe(e) + "); on Debian install libpulse0; the natives ship for"
            + " linux-x86_64 only");
      }
      return SpeechCleaner.NONE;
    }
  }

  /**
   * Loads the native library now (blocking: run it on a worker), so the first cleaned call does not wait for it and a
   * library that cannot load is reported when the gateway starts. True when cleaning is available.
   */
  public boolean warmUp() {
    SpeechCleaner probe = open(new Cleaning(NoiseSuppression.MODERATE, true), 16000);
    probe.close();
    return !unavailable;
  }

  /** True once the native library failed to load: configured cleaning is skipped. */
  public boolean unavailable() {
    return unavailable;
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.toString());
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      text.append(": ").append(cause);
    }
    return text.toString();
  }
}
