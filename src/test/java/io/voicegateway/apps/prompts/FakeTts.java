package io.voicegateway.apps.prompts;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A TTS engine that renders a tone per text (its pitch from the text's length) and counts its renderings. */
final class FakeTts implements TtsEngine {
  final AtomicInteger renders = new AtomicInteger();
  private final String key;
  volatile IOException failure;

  FakeTts(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Speech render(String text) throws IOException {
    renders.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    return new Speech(Tones.tone(200 + 10 * text.length(), 300, 0.5f), key);
  }

  @Override
  public void check() throws IOException {
    if (failure != null) {
      throw failure;
    }
  }
}
