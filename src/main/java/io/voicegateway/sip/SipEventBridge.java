package io.voicegateway.sip;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import io.vertx.core.Context;
import io.voicegateway.sip.registrar.SourceOf;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;

/**
 * The JAIN-SIP listener. Runs on the stack's threads and does only two things there: creates the server
 * transaction for a new request (so a retransmission that arrives meanwhile is absorbed by the
 * transaction layer instead of starting a second call), then hops onto the verticle's context.
 */
final class SipEventBridge implements SipListenerExt {
  private static final Logger LOG = Logger.getLogger(SipEventBridge.class.getName());

  /** What runs on the verticle's context. */
  interface Handler {
    void onRequest(Request request, ServerTransaction st);
    void onResponse(ResponseEvent event);
    void onTimeout(TimeoutEvent event);
    void onDialogTerminated(javax.sip.Dialog dialog);
    void onDialogTimeout(javax.sip.Dialog dialog);
    /** A request the stack made no transaction for (missing mandatory headers): answered statelessly. */
    void onUntransacted(Request request, String reason);
  }

  private final Context context;
  private volatile SipProvider provider;
  private volatile Handler handler;

  SipEventBridge(Context context) {
    this.context = context;
  }

  /** Wires the bridge once the stack exists; events before that are dropped (the peer retransmits). */
  void bind(SipProvider provider, Handler handler) {
    this.provider = provider;
    this.handler = handler;
  }

  private void hop(Consumer<Handler> work) {
    Handler h = handler;
    if (h != null) {
      context.runOnContext(v -> {
        try {
          work.accept(h);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "SIP handler failed", e);
        }
      });
    }
  }

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    ServerTransaction st = event.getServerTransaction();
    SipProvider p = provider;
    if (p == null) {
      return;
    }
    if (st == null && !Request.ACK.equals(request.getMethod())) {
      try {
        st = p.getNewServerTransaction(request);
      } catch (TransactionAlreadyExistsException e) {
        return; // a retransmission: the transaction layer answers it
      } catch (Exception e) {
        LOG.log(Level.FINE, "no transaction for " + request.getMethod(), e);
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        hop(h -> h.onUntransacted(request, reason));
        return;
      }
    }
    ServerTransaction transaction = st;
    SourceOf.capture(request, transaction); // now, on the stack's thread: see SourceOf.capture
    hop(h -> h.onRequest(request, transaction));
  }

  @Override
  public void processResponse(ResponseEvent event) {
    hop(h -> h.onResponse(event));
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    hop(h -> h.onTimeout(event));
  }

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {
    hop(h -> h.onDialogTerminated(event.getDialog()));
  }

  @Override
  public void processDialogTimeout(DialogTimeoutEvent event) {
    hop(h -> h.onDialogTimeout(event.getDialog()));
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    LOG.fine(() -> "SIP I/O error toward " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {
    // nothing to do: pending futures complete on response or timeout
  }
}
