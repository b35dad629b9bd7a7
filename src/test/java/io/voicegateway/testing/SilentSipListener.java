package io.voicegateway.testing;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/** A SIP stack's listener that ignores everything: for tests of a stack's set-up or of its client side alone. */
public final class SilentSipListener implements SipListener {
  @Override public void processRequest(RequestEvent e) { }
  @Override public void processResponse(ResponseEvent e) { }
  @Override public void processTimeout(TimeoutEvent e) { }
  @Override public void processIOException(IOExceptionEvent e) { }
  @Override public void processTransactionTerminated(TransactionTerminatedEvent e) { }
  @Override public void processDialogTerminated(DialogTerminatedEvent e) { }
}
