package io.voicegateway.apps.prompts;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A primary engine (the neural HTTP voice) with a fallback (espeak-ng) for when it fails: a caller hears a robotic
 * voice rather than silence. After a failure the primary rests for {@code retryAfter}, so a down server does not
 * cost every prompt a timeout; the switch to the fallback and the return are each logged once, not per prompt.
 * Its {@link #key()} is the primary's: the library caches by the engine that actually rendered
 * ({@link Speech#renderedBy()}), and keeps fallback renderings out of the disk cache.
 */
public final class FallbackTts implements TtsEngine {
  private static final Logger LOG = Logger.getLogger(FallbackTts.class.getName());

  private final TtsEngine primary;
  private final TtsEngine fallback;
  private final Clock clock;
  private final long retryAfterMs;
  private boolean down;
  private long restUntilMs;

  public FallbackTts(TtsEngine primary, TtsEngine fallback, Clock clock, Duration retryAfter) {
    this.primary = primary;
    this.fallback = fallback;
    this.clock = clock;
    this.retryAfterMs = retryAfter.toMillis();
  }

  @Override
  public String key() {
    return primary.key();
  }

  public String fallbackKey() {
    return fallback.key();
  }

  @Override
  public Speech render(String text) throws IOException {
    if (resting()) {
      return fallback.render(text);
    }
    try {
      Speech speech = primary.render(text);
      recovered();
      return speech;
    } catch (IOException e) {
      failed(e);
      try {
        return fallback.render(text);
      } catch (IOException fallbackFailed) {
        fallbackFailed.addSuppressed(e);
        throw fallbackFailed;
      }
    }
  }

  /** The primary needs nothing at start-up; a missing fallback only warns, since the primary may serve alone. */
  @Override
  public void check() throws IOException {
    primary.check();
    try {
      fallback.check();
    } catch (IOException e) {
      LOG.warning("prompts: no fallback voice when " + primary.key() + " fails: " + e.getMessage());
    }
  }

  private synchronized boolean resting() {
    return down && clock.millis() < restUntilMs;
  }

  private synchronized void recovered() {
    if (down) {
      down = false;
      LOG.info("prompts: " + primary.key() + " answers again; text prompts use it from now on");
    }
  }

  private synchronized void failed(IOException e) {
    restUntilMs = clock.millis() + retryAfterMs;
    if (!down) {
      down = true;
      LOG.log(Level.WARNING, "prompts: " + primary.key() + " failed (" + e.getMessage() + "); speaking with "
          + fallback.key() + " and trying it again every " + retryAfterMs / 1000 + " s");
    }
  }

  @Override
  public String toString() {
    return primary + " -> " + fallback;
  }
}
