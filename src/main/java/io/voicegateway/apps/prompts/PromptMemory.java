package io.voicegateway.apps.prompts;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The library's in-memory prompts: least recently used first out once {@code maxSamples} are held, and entries
 * that expire (fallback renderings). Thread-safe; every operation is short.
 */
final class PromptMemory {
  private record Entry(PromptAudio audio, long expiresAtMs) {}

  private final long maxSamples;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long samples;

  PromptMemory(long maxSamples) {
    this.maxSamples = maxSamples;
  }

  synchronized PromptAudio get(String key, long nowMs) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (nowMs >= entry.expiresAtMs()) {
      remove(key);
      return null;
    }
    return entry.audio();
  }

  synchronized void put(String key, PromptAudio audio, long expiresAtMs) {
    remove(key);
    entries.put(key, new Entry(audio, expiresAtMs));
    samples += audio.length();
    Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
    while (samples > maxSamples && entries.size() > 1 && oldest.hasNext()) {
      samples -= oldest.next().getValue().audio().length();
      oldest.remove();
    }
  }

  synchronized int size() {
    return entries.size();
  }

  private void remove(String key) {
    Entry old = entries.remove(key);
    if (old != null) {
      samples -= old.audio().length();
    }
  }
}
