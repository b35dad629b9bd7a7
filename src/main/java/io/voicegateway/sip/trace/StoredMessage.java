package io.voicegateway.sip.trace;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link SipTraceEntry} as {@link SipTraceStore} keeps it, compactly: the message as its UTF-8 bytes (one array,
 * no String around it), the first line read back from them rather than kept twice, the SIP Call-ID left to the
 * store's key, the direction a flag and the addresses shared through a small {@link Addresses} table (a gateway
 * talks to few peers). The ladder of 500 recent calls is held all the time, so its bytes count: this shape keeps a
 * message at its wire size plus ~64 bytes; the entry's six Strings cost ~250 bytes more (a B2BUA call's ladder:
 * 9.4 KB as entries, 6.2 KB as stored messages, measured with bench/memory/memory.sh).
 */
final class StoredMessage {
  private final long timeMs;
  private final boolean sent;
  private final int size;
  private final String from;
  private final String to;
  private final byte[] text;
  /** Null when the first line is the text's own (always, for what the recorder sees). */
  private final String firstLine;

  private StoredMessage(long timeMs, boolean sent, int size, String from, String to, byte[] text, String firstLine) {
    this.timeMs = timeMs;
    this.sent = sent;
    this.size = size;
    this.from = from;
    this.to = to;
    this.text = text;
    this.firstLine = firstLine;
  }

  static StoredMessage of(SipTraceEntry e, Addresses addresses) {
    String message = e.message();
    String ownFirstLine = firstLineOf(message);
    return new StoredMessage(e.timeMs(), "out".equals(e.direction()), e.size(), addresses.shared(e.from()),
        addresses.shared(e.to()), message.getBytes(StandardCharsets.UTF_8),
        ownFirstLine.equals(e.firstLine()) ? null : e.firstLine());
  }

  SipTraceEntry entry(String sipCallId) {
    String message = new String(text, StandardCharsets.UTF_8);
    return new SipTraceEntry(timeMs, sent ? "out" : "in", from, to,
        firstLine != null ? firstLine : firstLineOf(message), sipCallId, message);
  }

  /** What {@link SipTraceEntry#size()} said when it was stored: the unit of the store's bound. */
  int size() {
    return size;
  }

  static String firstLineOf(String message) {
    int eol = message.indexOf("\r\n");
    return eol < 0 ? message : message.substring(0, eol);
  }

  /**
   * Shares equal address strings between messages, bounded: past {@link #MAX} distinct ones (a flood from many
   * sources) new ones are kept as they come, unshared, so the table cannot grow with the traffic.
   */
  static final class Addresses {
    static final int MAX = 1024;
    private final Map<String, String> table = new HashMap<>();

    String shared(String address) {
      if (address == null) {
        return null;
      }
      String known = table.get(address);
      if (known != null) {
        return known;
      }
      if (table.size() < MAX) {
        table.put(address, address);
      }
      return address;
    }
  }
}
