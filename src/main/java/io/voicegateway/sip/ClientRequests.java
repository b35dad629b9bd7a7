package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.Status;
import io.voicegateway.sip.stack.SendLanes;
import io.voicegateway.sip.stack.SipStackHandle;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Sends requests as a UAC and turns their transactions into futures: the future completes with the
 * final response (any status; callers decide what a failure is), provisional responses go to a callback,
 * a transaction timeout fails it. Over TCP and TLS the sends go to a worker, in order per destination
 * and per call ({@link SendLanes}): a trunk that does not answer its TCP port or handshake stalls only
 * the requests queued for it, never the SIP event loop. The pending state rides on the transaction's
 * application data and is touched only on the SIP context (responses hop there before they reach
 * {@link #onResponse}).
 */
public final class ClientRequests {
  private static final Logger LOG = Logger.getLogger(ClientRequests.class.getName());
  private final SipStackHandle sip;

  private static final class Pending {
    final Promise<Response> result;
    final Consumer<Response> provisional;
    /** A CANCEL asked for before any provisional response: it goes out with the first one. */
    Promise<Response> cancel;

    Pending(Promise<Response> result, Consumer<Response> provisional) {
      this.result = result;
      this.provisional = provisional;
    }

    /** No final response will come (not sent, or timed out): a held-back CANCEL has nothing to cancel. */
    void fail(Throwable cause) {
      if (cancel != null) {
        cancel.tryComplete(null);
        cancel = null;
      }
      result.tryFail(cause);
    }
  }

  /** {@code vertx} is not needed any more (the lanes run on the calling context's workers); kept for callers. */
  ClientRequests(SipStackHandle sip, Vertx vertx) {
    this.sip = sip;
  }

  /** Sends {@code request} inside {@code dialog}, or outside any dialog when it is null. */
  Future<Response> send(Request request, Dialog dialog, Consumer<Response> provisional) {
    try {
      ClientTransaction ct = sip.provider().getNewClientTransaction(request);
      return send(ct, dialog, provisional);
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  /** Sends on a transaction the caller already made (so it can keep it, e.g. to CANCEL an INVITE). */
  Future<Response> send(ClientTransaction ct, Dialog dialog, Consumer<Response> provisional) {
    if (dialog != null) {
      try {
        ViaAddress.fill(ct.getRequest(), sip.publicAddress()); // the stack wrote its bind address (0.0.0.0)
      } catch (java.text.ParseException e) {
        return Future.failedFuture(e);
      }
    }
    Promise<Response> promise = Promise.promise();
    Pending pending = new Pending(promise, provisional == null ? r -> { } : provisional);
    ct.setApplicationData(pending);
    sip.lanes().send(SendLanes.of(ct.getRequest()), () -> transmit(ct, dialog)).onFailure(pending::fail);
    return promise.future();
  }

  private static void transmit(ClientTransaction ct, Dialog dialog) throws SipException {
    if (dialog != null) {
      dialog.sendRequest(ct);
    } else {
      ct.sendRequest();
    }
  }

  /**
   * ACKs the 2xx with {@code cseq} in {@code dialog}, in its lanes (behind the dialog's earlier sends over
   * TCP and TLS). Throws when the ACK cannot be made or, over UDP, sent; a failed stream send is only
   * logged: the peer re-sends its 2xx and the stack ACKs that.
   */
  void ack(Dialog dialog, long cseq) throws SipException, InvalidArgumentException {
    Request ack = dialog.createAck(cseq);
    try {
      ViaAddress.fill(ack, sip.publicAddress());
    } catch (java.text.ParseException e) {
      throw new SipException("ACK not made", e);
    }
    Future<Void> sent = sip.lanes().send(SendLanes.of(ack), () -> dialog.sendAck(ack));
    if (sent.failed()) {
      throw sent.cause() instanceof SipException e ? e : new SipException("ACK not sent", sent.cause());
    }
    sent.onFailure(e -> LOG.log(Level.FINE, "could not send the ACK for Call-ID " + dialog.getCallId().getCallId(), e));
  }

  /**
   * CANCELs an INVITE sent here; the future completes with the CANCEL's response. RFC 3261 §9.1: not before
   * a provisional response has come (until then the callee may not hold the INVITE, would answer the
   * CANCEL 481 and ring on), so a CANCEL asked for earlier waits and goes out with the first 1xx. A final
   * response first makes it moot: the future then completes with that response, a timeout with null.
   */
  Future<Response> cancel(ClientTransaction invite) {
    TransactionState state = invite.getState(); // null: the INVITE still waits for its worker (TCP, TLS)
    boolean unanswered = state == null || state == TransactionState.CALLING;
    if (unanswered && invite.getApplicationData() instanceof Pending pending) {
      if (pending.cancel == null) {
        pending.cancel = Promise.promise();
      }
      return pending.cancel.future();
    }
    return sendCancel(invite);
  }

  private Future<Response> sendCancel(ClientTransaction invite) {
    try {
      return send(invite.createCancel(), null, null);
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  /** @return true when the response belonged to a request sent here */
  boolean onResponse(ResponseEvent event) {
    ClientTransaction ct = event.getClientTransaction();
    if (ct == null || !(ct.getApplicationData() instanceof Pending pending)) {
      return false;
    }
    Response response = event.getResponse();
    Promise<Response> cancel = pending.cancel;
    pending.cancel = null;
    if (response.getStatusCode() < 200) {
      if (cancel != null) {
        sendCancel(ct).onComplete(cancel);
      }
      pending.provisional.accept(response);
    } else {
      if (cancel != null) {
        cancel.tryComplete(response);
      }
      pending.result.tryComplete(response);
    }
    return true;
  }

  void onTimeout(TimeoutEvent event) {
    ClientTransaction ct = event.getClientTransaction();
    if (ct != null && ct.getApplicationData() instanceof Pending pending) {
      pending.fail(new SipTimeoutException(ct.getRequest().getMethod()));
    }
  }

  /**
   * No final response before the transaction timed out (Timer B/F): to call control and the API the far side's
   * silence, a 408 (the API's 504), as an INVITE's timeout is.
   */
  public static final class SipTimeoutException extends CallFailure {
    SipTimeoutException(String method) {
      super(Status.REQUEST_TIMEOUT, Status.REQUEST_TIMEOUT + " " + method + " timed out");
    }
  }
}
