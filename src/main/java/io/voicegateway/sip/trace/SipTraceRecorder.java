package io.voicegateway.sip.trace;

import gov.nist.javax.sip.message.SIPMessage;
import io.voicegateway.sip.stack.MessageTap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the messages JAIN-SIP's server logger sees into {@link SipTraceEntry}s in a store. Called on the
 * stack's transport threads, so it only encodes the message and hands it to the thread-safe store.
 */
public final class SipTraceRecorder implements MessageTap {
  private static final Logger LOG = Logger.getLogger(SipTraceRecorder.class.getName());
  private final SipTraceStore store;
  private final AtomicLong failures = new AtomicLong();

  public SipTraceRecorder(SipTraceStore store) {
    this.store = store;
  }

  public SipTraceStore store() {
    return store;
  }

  @Override
  public void record(SIPMessage message, String from, String to, boolean sent, long timeMs) {
    try {
      String text = message.encode();
      int eol = text.indexOf("\r\n");
      String firstLine = eol < 0 ? text : text.substring(0, eol);
      String callId = message.getCallId() == null ? null : message.getCallId().getCallId();
      store.add(new SipTraceEntry(timeMs > 0 ? timeMs : System.currentTimeMillis(), sent ? "out" : "in",
          from, to, firstLine, callId, text));
    } catch (RuntimeException e) {
      // The trace is a diagnostic aid: a message it cannot encode must never disturb the stack's thread.
      failures.incrementAndGet();
      LOG.log(Level.FINE, "SIP trace skipped a message", e);
    }
  }

  /** Messages that could not be recorded (encoding failed). */
  public long failures() {
    return failures.get();
  }
}
