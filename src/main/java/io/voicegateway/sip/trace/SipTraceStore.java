package io.voicegateway.sip.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The last SIP messages of the most recent calls, by SIP Call-ID, bounded three ways so a flood or a
 * long-running call can never grow it: messages per Call-ID (oldest dropped first), Call-IDs (the one
 * least recently written dropped first), and total characters held (whole oldest Call-IDs dropped until
 * it fits). A message longer than {@link #MAX_MESSAGE_CHARS} is cut, so one giant INVITE cannot evict
 * everything else.
 *
 * <p>Thread-safe: JAIN-SIP logs from its own transport threads while the SIP verticle reads. One lock
 * suffices, since every operation is a few map/deque steps.
 */
public final class SipTraceStore {
  public static final int DEFAULT_MESSAGES_PER_CALL = 200;
  public static final int DEFAULT_CALLS = 500;
  public static final long DEFAULT_MAX_CHARS = 8L * 1024 * 1024;
  static final int MAX_MESSAGE_CHARS = 16 * 1024;
  static final String CUT_MARK = "\r\n[… cut]";

  private final int messagesPerCall;
  private final int maxCalls;
  private final long maxChars;
  /** In order of last write: the first entry is the call to evict. Kept compact: see {@link StoredMessage}. */
  private final LinkedHashMap<String, Deque<StoredMessage>> calls = new LinkedHashMap<>();
  private final StoredMessage.Addresses addresses = new StoredMessage.Addresses();
  private long chars;
  private long dropped;

  public SipTraceStore(int messagesPerCall, int maxCalls, long maxChars) {
    if (messagesPerCall < 1 || maxCalls < 1 || maxChars < 1) {
      throw new IllegalArgumentException("trace bounds must be positive");
    }
    this.messagesPerCall = messagesPerCall;
    this.maxCalls = maxCalls;
    this.maxChars = maxChars;
  }

  /** 200 messages per call, 500 calls, 8 M characters. */
  public static SipTraceStore defaults() {
    return new SipTraceStore(DEFAULT_MESSAGES_PER_CALL, DEFAULT_CALLS, DEFAULT_MAX_CHARS);
  }

  /** Records a message under its Call-ID; a message without one is counted as dropped. */
  public synchronized void add(SipTraceEntry entry) {
    if (entry.sipCallId() == null || entry.sipCallId().isEmpty()) {
      dropped++;
      return;
    }
    StoredMessage kept = StoredMessage.of(shorten(entry), addresses);
    Deque<StoredMessage> messages = calls.remove(entry.sipCallId());
    if (messages == null) {
      messages = new ArrayDeque<>(8); // a call's ladder is ~6-15 messages: the default 16 slots would be half empty
    }
    calls.put(entry.sipCallId(), messages); // (re)inserted last: the most recently written call
    messages.addLast(kept);
    chars += kept.size();
    if (messages.size() > messagesPerCall) {
      chars -= messages.removeFirst().size();
      dropped++;
    }
    evictCalls();
  }

  /** The messages of one Call-ID, oldest first; empty when unknown or already evicted. */
  public synchronized List<SipTraceEntry> messages(String sipCallId) {
    Deque<StoredMessage> messages = calls.get(sipCallId);
    if (messages == null) {
      return List.of();
    }
    List<SipTraceEntry> out = new ArrayList<>(messages.size());
    messages.forEach(m -> out.add(m.entry(sipCallId)));
    return out;
  }

  /** How many Call-IDs are held. */
  public synchronized int callCount() {
    return calls.size();
  }

  /** Characters held across all messages. */
  public synchronized long chars() {
    return chars;
  }

  /** Messages dropped so far: no Call-ID, over a per-call bound, or evicted with their call. */
  public synchronized long dropped() {
    return dropped;
  }

  private void evictCalls() {
    Iterator<Deque<StoredMessage>> oldest = calls.values().iterator();
    while ((calls.size() > maxCalls || chars > maxChars) && oldest.hasNext()) {
      Deque<StoredMessage> evicted = oldest.next();
      for (StoredMessage e : evicted) {
        chars -= e.size();
      }
      dropped += evicted.size();
      oldest.remove();
    }
  }

  private static SipTraceEntry shorten(SipTraceEntry e) {
    if (e.message().length() <= MAX_MESSAGE_CHARS) {
      return e;
    }
    return new SipTraceEntry(e.timeMs(), e.direction(), e.from(), e.to(), e.firstLine(), e.sipCallId(),
        e.message().substring(0, MAX_MESSAGE_CHARS) + CUT_MARK);
  }
}
