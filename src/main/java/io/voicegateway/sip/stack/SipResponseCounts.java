package io.voicegateway.sip.stack;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * SIP responses the gateway sent and received, by status class (1xx..6xx) and the CSeq method they answer: the
 * source of {@code vg_sip_responses_total}. Counted on the stack's transport threads, so a fixed table of adders
 * (no map, no allocation per message); a method outside {@link #METHODS} counts as {@code other}, so a peer
 * cannot grow the label set.
 */
public final class SipResponseCounts {
  /** The methods with a label of their own; anything else is {@code other}. */
  public static final List<String> METHODS = List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
      "REFER", "NOTIFY", "SUBSCRIBE", "INFO", "MESSAGE", "UPDATE", "PRACK", "PUBLISH", "other");
  /** The status classes, {@code 1xx} to {@code 6xx}. */
  public static final List<String> CLASSES = List.of("1xx", "2xx", "3xx", "4xx", "5xx", "6xx");

  /** Counts that nobody reads (a stack built without guards, tests). */
  public static final SipResponseCounts UNREAD = new SipResponseCounts();

  private final LongAdder[] sent = table();
  private final LongAdder[] received = table();

  private static LongAdder[] table() {
    LongAdder[] t = new LongAdder[METHODS.size() * CLASSES.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = new LongAdder();
    }
    return t;
  }

  /** Counts one response; a status outside 100..699 is not counted. */
  public void count(boolean wasSent, int status, String method) {
    int cls = status / 100 - 1;
    if (cls < 0 || cls >= CLASSES.size()) {
      return;
    }
    (wasSent ? sent : received)[methodIndex(method) * CLASSES.size() + cls].increment();
  }

  /** Responses sent ({@code wasSent}) or received so far for one method label and class label. */
  public long count(boolean wasSent, String method, String statusClass) {
    int m = METHODS.indexOf(method);
    int c = CLASSES.indexOf(statusClass);
    if (m < 0 || c < 0) {
      return 0;
    }
    return (wasSent ? sent : received)[m * CLASSES.size() + c].sum();
  }

  static int methodIndex(String method) {
    if (method != null) {
      for (int i = 0; i < METHODS.size() - 1; i++) {
        if (METHODS.get(i).equals(method)) {
          return i;
        }
      }
    }
    return METHODS.size() - 1;
  }

  /** The method of the {@code CSeq} line of a raw message, upper-cased; null when it has none. */
  static String cseqMethod(String message) {
    for (String line : message.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).trim();
        if (name.equalsIgnoreCase("CSeq")) {
          String[] parts = line.substring(colon + 1).trim().split("\\s+");
          return parts.length == 2 ? parts[1].toUpperCase(Locale.ROOT) : null;
        }
      }
    }
    return null;
  }
}
