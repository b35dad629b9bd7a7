package io.voicegateway.sip.stack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipStack;

/**
 * JAIN-SIP's message trace, to java.util.logging logger {@code io.voicegateway.sip.messages} at FINE:
 * set that logger to FINE to see every SIP message sent and received.
 */
public final class JulServerLogger implements ServerLogger {
  private static final Logger LOG = Logger.getLogger("io.voicegateway.sip.messages");

  static boolean enabled() {
    return LOG.isLoggable(Level.FINE);
  }

  @Override public void closeLogFile() {}

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    log(message, from, to, sender);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
    log(message, from, to, sender);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
    log(message, from, to, sender);
  }

  private static void log(SIPMessage message, String from, String to, boolean sender) {
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine((sender ? "sent " : "received ") + from + " -> " + to + "\n" + message.encode());
    }
  }

  @Override public void logException(Exception e) { LOG.log(Level.FINE, e.getMessage(), e); }
  @Override public void setStackProperties(Properties properties) {}
  @Override public void setSipStack(SipStack sipStack) {}
}
