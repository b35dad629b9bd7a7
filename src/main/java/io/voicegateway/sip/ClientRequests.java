package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.sip.stack.SipStackHandle;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Sends requests as a UAC and turns their transactions into futures: the future completes with the
 * final response (any status; callers decide what a failure is), provisional responses go to a callback,
 * a transaction timeout fails it. The pending state rides on the transaction's application data, and is
 * touched only on the SIP context (responses hop there before they reach {@link #onResponse}).
 */
public final class ClientRequests {
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
  }

  ClientRequests(SipStackHandle sip) {
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
    Promise<Response> promise = Promise.promise();
    ct.setApplicationData(new Pending(promise, provisional == null ? r -> { } : provisional));
    try {
      if (dialog != null) {
        dialog.sendRequest(ct);
      } else {
        ct.sendRequest();
      }
    } catch (Exception e) {
      promise.tryFail(e);
    }
    return promise.future();
  }

  /**
   * CANCELs an INVITE sent here; the future completes with the CANCEL's response. RFC 3261 §9.1: not before
   * a provisional response has come (until then the callee may not hold the INVITE, would answer the
   * CANCEL 481 and ring on), so a CANCEL asked for earlier waits and goes out with the first 1xx. A final
   * response first makes it moot: the future then completes with that response, a timeout with null.
   */
  Future<Response> cancel(ClientTransaction invite) {
    if (invite.getState() == TransactionState.CALLING && invite.getApplicationData() instanceof Pending pending) {
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
      if (pending.cancel != null) {
        pending.cancel.tryComplete(null);
        pending.cancel = null;
      }
      pending.result.tryFail(new SipTimeoutException(ct.getRequest().getMethod()));
    }
  }

  /** No final response before the transaction timed out (Timer B/F). */
  public static final class SipTimeoutException extends RuntimeException {
    SipTimeoutException(String method) {
      super(method + " timed out");
    }
  }
}
