package io.voicegateway.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ReceiveGuard} of each running stack, by stack name. JAIN-SIP makes its message processor and parser
 * factories by class name with no arguments, so they find their stack's guard here.
 */
final class ReceiveGuards {
  private static final Map<String, ReceiveGuard> BY_STACK = new ConcurrentHashMap<>();

  private ReceiveGuards() {}

  static void register(String stackName, ReceiveGuard guard) {
    BY_STACK.put(stackName, guard);
  }

  static void forget(String stackName) {
    BY_STACK.remove(stackName);
  }

  static ReceiveGuard of(SIPTransactionStack stack) {
    return stack instanceof SipStackImpl impl ? BY_STACK.getOrDefault(impl.getStackName(), ReceiveGuard.OPEN)
        : ReceiveGuard.OPEN;
  }
}
