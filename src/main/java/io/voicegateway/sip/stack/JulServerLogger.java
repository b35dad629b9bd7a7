package io.voicegateway.sip.stack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipStack;

/**
 * JAIN-SIP's message trace, to java.util.logging logger {@code io.voicegateway.sip.messages} at FINE:
 * set that logger to FINE to see every SIP message sent and received. Also feeds the per-call SIP ladder
 * ({@link MessageTap}) once one is attached with {@link #recordTo}.
 */
public final class JulServerLogger implements ServerLogger {
  private static final Logger LOG = Logger.getLogger("io.voicegateway.sip.messages");
  // The stack's gate for this trace is a JVM-wide static (its StackLogger), so one recorder opens it for all.
  private static volatile boolean recording;
  private volatile MessageTap recorder;
  private volatile SipResponseCounts responses;

  static boolean enabled() {
    return recording || LOG.isLoggable(Level.FINE);
  }

  /** The server logger JAIN-SIP instantiated for a stack built by {@link SipStackFactory}. */
  public static JulServerLogger of(SipStack stack) {
    return (JulServerLogger) ((SIPTransactionStack) stack).getServerLogger();
  }

  /** From now on every message this stack sends or receives also goes to {@code recorder}. */
  public void recordTo(MessageTap recorder) {
    this.recorder = recorder;
    recording = true;
  }

  /** From now on every response this stack sends or receives is counted in {@code counts}. */
  public void countResponsesIn(SipResponseCounts counts) {
    this.responses = counts;
    recording = true;
  }

  @Override public void closeLogFile() {}

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    log(message, from, to, sender, time);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
    log(message, from, to, sender, time);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
    log(message, from, to, sender, 0);
  }

  private void log(SIPMessage message, String from, String to, boolean sender, long time) {
    SipResponseCounts counts = responses;
    if (counts != null && message instanceof SIPResponse response) {
      counts.count(sender, response.getStatusCode(),
          response.getCSeq() == null ? null : response.getCSeq().getMethod());
    }
    MessageTap r = recorder;
    if (r != null) {
      r.record(message, from, to, sender, time);
    }
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine((sender ? "sent " : "received ") + from + " -> " + to + "\n" + message.encode());
    }
  }

  @Override public void logException(Exception e) { LOG.log(Level.FINE, e.getMessage(), e); }
  @Override public void setStackProperties(Properties properties) {}
  @Override public void setSipStack(SipStack sipStack) {}
}
