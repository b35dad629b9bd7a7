package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.sip.stack.SipStackHandle;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Sends requests as a UAC and turns their transactions into futures: the future completes with the
 * final response (any status; callers decide what a failure is), provisional responses go to a callback,
 * a transaction timeout fails it. The pending state rides on the transaction's application data.
 */
public final class ClientRequests {
  private final SipStackHandle sip;

  private record Pending(Promise<Response> result, Consumer<Response> provisional) {}

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

  /** @return true when the response belonged to a request sent here */
  boolean onResponse(ResponseEvent event) {
    ClientTransaction ct = event.getClientTransaction();
    if (ct == null || !(ct.getApplicationData() instanceof Pending pending)) {
      return false;
    }
    Response response = event.getResponse();
    if (response.getStatusCode() < 200) {
      pending.provisional().accept(response);
    } else {
      pending.result().tryComplete(response);
    }
    return true;
  }

  void onTimeout(TimeoutEvent event) {
    ClientTransaction ct = event.getClientTransaction();
    if (ct != null && ct.getApplicationData() instanceof Pending pending) {
      pending.result().tryFail(new SipTimeoutException(ct.getRequest().getMethod()));
    }
  }

  /** No final response before the transaction timed out (Timer B/F). */
  public static final class SipTimeoutException extends RuntimeException {
    SipTimeoutException(String method) {
      super(method + " timed out");
    }
  }
}
