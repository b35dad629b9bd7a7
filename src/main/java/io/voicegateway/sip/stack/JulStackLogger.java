package io.voicegateway.sip.stack;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends JAIN-SIP's internal logging to java.util.logging instead of log4j (which is not on our class
 * path). Named {@code gov.nist.javax.sip}; the JUL default level (INFO) keeps it quiet, since the stack
 * logs its chatter at debug/trace. JAIN-SIP instantiates it by class name (no-arg constructor).
 */
public final class JulStackLogger implements StackLogger {
  private static final Logger LOG = Logger.getLogger("gov.nist.javax.sip");
  private final LogFloodGuard guard;

  public JulStackLogger() {
    this(new LogFloodGuard(System::nanoTime));
  }

  JulStackLogger(LogFloodGuard guard) {
    this.guard = guard;
  }

  @Override public void logStackTrace() { logStackTrace(TRACE_DEBUG); }
  @Override public void logStackTrace(int level) {
    // Not isLoggingEnabled(level): the SIP trace keeps TRACE_MESSAGES (== TRACE_INFO) on, and a Throwable per
    // call would cost the stack's threads for a trace nobody reads.
    if (LOG.isLoggable(toJul(level))) {
      LOG.log(toJul(level), "stack trace", new Throwable());
    }
  }
  @Override public int getLineCount() { return 0; }
  @Override public void logException(Throwable t) { warn(String.valueOf(t.getMessage()), t); }
  @Override public void logDebug(String message) { LOG.fine(message); }
  @Override public void logDebug(String message, Exception e) { LOG.log(Level.FINE, message, e); }
  @Override public void logTrace(String message) { LOG.finest(message); }
  @Override public void logFatalError(String message) { LOG.severe(LogFloodGuard.shortened(message)); }
  @Override public void logError(String message) { warn(message, null); }
  @Override public void logError(String message, Exception e) { warn(message, e); }
  @Override
  public void logWarning(String message) {
    // Without TLS configured the stack warns at every start that its key and trust stores are JVM
    // defaults: expected, so kept out of the operator's log.
    boolean tlsDefaults = message != null && (message.startsWith("Using default")
        || message.startsWith("TLS server settings will be inactive") || message.startsWith("TLS trust settings"));
    if (tlsDefaults) {
      LOG.fine(message);
    } else {
      warn(message, null);
    }
  }

  /**
   * A warning the stack raises, often about what a peer sent (an unparseable datagram): one line, once per kind and
   * window ({@link LogFloodGuard}); its stack trace only at FINE, where someone debugging the stack asked for it.
   */
  private void warn(String message, Throwable cause) {
    if (LOG.isLoggable(Level.FINE)) {
      LOG.log(Level.FINE, message, cause);
      return;
    }
    String line = guard.admit(message);
    if (line != null && LOG.isLoggable(Level.WARNING)) {
      LOG.warning(cause == null ? line : line + " (" + LogFloodGuard.shortened(String.valueOf(cause)) + ")");
    }
  }
  @Override public void logInfo(String message) { LOG.fine(message); } // the stack's INFO is start-up chatter
  @Override public boolean isLoggingEnabled() { return LOG.isLoggable(Level.FINE); }
  @Override
  public boolean isLoggingEnabled(int level) {
    // TRACE_MESSAGES (== TRACE_INFO) gates the message trace of JulServerLogger, which has its own logger.
    return LOG.isLoggable(toJul(level)) || (level == TRACE_MESSAGES && JulServerLogger.enabled());
  }
  @Override public void disableLogging() {}
  @Override public void enableLogging() {}
  @Override public void setBuildTimeStamp(String buildTimeStamp) {}
  @Override public void setStackProperties(Properties properties) {}
  @Override public String getLoggerName() { return LOG.getName(); }

  private static Level toJul(int level) {
    if (level <= TRACE_FATAL) {
      return Level.SEVERE;
    } else if (level <= TRACE_ERROR) {
      return Level.WARNING;
    } else if (level <= TRACE_WARN) {
      return Level.WARNING;
    } else if (level <= TRACE_INFO) {
      return Level.FINE;
    } else if (level <= TRACE_DEBUG) {
      return Level.FINER;
    }
    return Level.FINEST;
  }
}
