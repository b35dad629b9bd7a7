package io.voicegateway.sip.stack;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * Sees every SIP message the stack sends or receives (the per-call ladder records them). Called on the stack's
 * transport threads: an implementation must be quick and thread-safe, and must never throw.
 */
@FunctionalInterface
public interface MessageTap {
  /**
   * @param sent   true for a message the gateway sent, false for one it received
   * @param timeMs when the stack sent or received it; 0 or less means now
   */
  void record(SIPMessage message, String from, String to, boolean sent, long timeMs);
}
