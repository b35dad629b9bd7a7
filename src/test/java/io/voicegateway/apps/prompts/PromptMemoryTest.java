package io.voicegateway.apps.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PromptMemoryTest {
  private final PromptMemory memory = new PromptMemory(3000);

  @Test
  void theLeastRecentlyUsedGoFirstOnceTheBudgetIsSpent() {
    PromptAudio a = new PromptAudio(new float[1000]);
    PromptAudio b = new PromptAudio(new float[1000]);
    PromptAudio c = new PromptAudio(new float[1000]);
    memory.put("a", a, Long.MAX_VALUE);
    memory.put("b", b, Long.MAX_VALUE);
    memory.put("c", c, Long.MAX_VALUE);
    assertSame(a, memory.get("a", 0)); // a is now the most recent
    memory.put("d", new PromptAudio(new float[1000]), Long.MAX_VALUE);
    assertNull(memory.get("b", 0));
    assertSame(a, memory.get("a", 0));
    assertSame(c, memory.get("c", 0));
    assertEquals(3, memory.size());
  }

  @Test
  void aPromptLargerThanTheBudgetIsStillKeptAlone() {
    PromptAudio big = new PromptAudio(new float[5000]);
    memory.put("small", new PromptAudio(new float[10]), Long.MAX_VALUE);
    memory.put("big", big, Long.MAX_VALUE);
    assertSame(big, memory.get("big", 0));
    assertEquals(1, memory.size());
  }

  @Test
  void anEntryExpires() {
    memory.put("fallback", new PromptAudio(new float[10]), 60_000);
    assertEquals(10, memory.get("fallback", 59_999).length());
    assertNull(memory.get("fallback", 60_000));
    assertEquals(0, memory.size());
  }

  @Test
  void replacingAnEntryCountsItOnce() {
    memory.put("a", new PromptAudio(new float[2000]), Long.MAX_VALUE);
    memory.put("a", new PromptAudio(new float[2000]), Long.MAX_VALUE);
    memory.put("b", new PromptAudio(new float[1000]), Long.MAX_VALUE);
    assertEquals(2, memory.size());
  }
}
