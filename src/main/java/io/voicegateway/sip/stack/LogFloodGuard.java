package io.voicegateway.sip.stack;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps what a sender controls from multiplying in the operator's log. The stack reports every datagram it cannot
 * parse as an error carrying the datagram as a decimal byte array, with a stack trace: a fuzzer's 200 k datagrams
 * grew the log by 1.76 GB. Here a message loses its byte dump and its length beyond a line, and each kind of
 * message (its first words) is let through once per window; the next one through says how many were held back.
 * Public for the other places where a sender decides how often a line is written (the cluster pass refusals of
 * {@code sip.HeldBindingInvites}).
 */
public final class LogFloodGuard {
  /** The shortest bracketed run of digits, commas, spaces and minus signs taken for a byte dump. */
  private static final int MIN_DUMP = 24;
  private static final int MAX_LENGTH = 300;
  private static final int KIND_LENGTH = 40;
  /** How long a kind of line stays quiet after it was logged. */
  public static final long WINDOW_NANOS = 10_000_000_000L;

  private final LongSupplier nanos;
  private final Map<String, Window> windows = new HashMap<>();

  /** @param nanos a monotonic clock in ns ({@code System::nanoTime}; a fake one in tests) */
  public LogFloodGuard(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** The line to log for {@code message}, or null when one of its kind was logged within the window. */
  String admit(String message) {
    String line = shortened(message == null ? "" : message);
    return admitLine(line.length() > KIND_LENGTH ? line.substring(0, KIND_LENGTH) : line, () -> line);
  }

  /**
   * As {@link #admit(String)} with the kind named by the caller ({@link MalformedSip}'s reason), for lines whose
   * first words carry what a sender controls (its address), which must not make every line a kind of its own.
   */
  public String admit(String kind, String message) {
    return admitLine(kind, () -> shortened(message == null ? "" : message)); // shortened only when logged
  }

  private synchronized String admitLine(String kind, Supplier<String> text) {
    long now = nanos.getAsLong();
    Window w = windows.get(kind);
    if (w != null && now - w.openedAt < WINDOW_NANOS) {
      w.held++;
      return null;
    }
    if (windows.size() > 1_000) {
      windows.clear(); // kinds come from the stack's own message texts; this bounds a pathological variety
    }
    long held = w == null ? 0 : w.held;
    windows.put(kind, new Window(now));
    String line = text.get();
    return held == 0 ? line : line + " (and " + held + " more like it before)";
  }

  static String shortened(String message) {
    String noDump = withoutByteDumps(message);
    // control characters (a terminal's escape sequences among them) from a sender's bytes: shown, not obeyed
    String oneLine = noDump.replaceAll("[\\r\\n]+", " ⏎ ").replaceAll("[\\p{Cntrl}&&[^\\t]]", "?");
    return oneLine.length() > MAX_LENGTH ? oneLine.substring(0, MAX_LENGTH) + "…" : oneLine;
  }

  /**
   * Replaces each "[80, 79, 83, 84, …]" (Arrays.toString of a datagram) with "[bytes]". A scan, not a regular
   * expression: Java's regex engine recurses per repetition and overflows the stack on a 64 KB datagram's dump.
   */
  private static String withoutByteDumps(String message) {
    StringBuilder out = new StringBuilder(Math.min(message.length(), 4 * MAX_LENGTH));
    int i = 0;
    while (i < message.length()) {
      char c = message.charAt(i);
      if (c == '[') {
        int end = i + 1;
        while (end < message.length() && isDumpChar(message.charAt(end))) {
          end++;
        }
        if (end < message.length() && message.charAt(end) == ']' && end - i > MIN_DUMP) {
          out.append("[bytes]");
          i = end + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean isDumpChar(char c) {
    return (c >= '0' && c <= '9') || c == ',' || c == ' ' || c == '-';
  }

  private static final class Window {
    final long openedAt;
    long held;

    Window(long openedAt) {
      this.openedAt = openedAt;
    }
  }
}
