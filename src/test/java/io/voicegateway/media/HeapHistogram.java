package io.voicegateway.media;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/**
 * The live heap by class, as {@code jcmd <pid> GC.class_histogram} prints it (it runs a full GC first, so only
 * reachable objects count), taken in-process through HotSpot's DiagnosticCommand MBean. Two snapshots
 * subtracted give exactly what a piece of code retains, class by class, without walking object graphs.
 */
final class HeapHistogram {
  /** One class's live instances and bytes. */
  record Entry(String className, long instances, long bytes) {}

  private final Map<String, Entry> byClass;

  private HeapHistogram(Map<String, Entry> byClass) {
    this.byClass = byClass;
  }

  /** Null when this JVM has no DiagnosticCommand MBean (not HotSpot). */
  static HeapHistogram take() {
    try {
      String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      return new HeapHistogram(parse(text));
    } catch (javax.management.JMException e) {
      return null;
    }
  }

  /** Parses the {@code jcmd GC.class_histogram} text: {@code "   1:   12   3456  [B (java.base@17)"}. */
  static Map<String, Entry> parse(String text) {
    Map<String, Entry> result = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4 || !f[0].endsWith(":") || !f[1].chars().allMatch(Character::isDigit)) {
        continue;
      }
      result.put(f[3], new Entry(f[3], Long.parseLong(f[1]), Long.parseLong(f[2])));
    }
    return result;
  }

  long totalBytes() {
    return byClass.values().stream().mapToLong(Entry::bytes).sum();
  }

  /** What {@code this} holds beyond {@code before}, class by class, largest first (growth only). */
  List<Entry> minus(HeapHistogram before) {
    List<Entry> grown = new ArrayList<>();
    for (Entry e : byClass.values()) {
      Entry b = before.byClass.get(e.className());
      long bytes = e.bytes() - (b == null ? 0 : b.bytes());
      long instances = e.instances() - (b == null ? 0 : b.instances());
      if (bytes > 0) {
        grown.add(new Entry(e.className(), instances, bytes));
      }
    }
    grown.sort((x, y) -> Long.compare(y.bytes(), x.bytes()));
    return grown;
  }
}
