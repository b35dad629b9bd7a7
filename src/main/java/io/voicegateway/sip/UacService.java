package io.voicegateway.sip;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.sip.sdp.MediaDirection;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import javax.sip.Dialog;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The gateway as a caller, for the API and the B2BUA: originate, hold, resume, transfer (REFER), cancel,
 * hang up. Callable from any thread: each method hops onto the SIP verticle's context, and its future
 * completes there. Calls are named by their internal id; mid-call operations on one call run one at a
 * time.
 */
public final class UacService {
  private static final Logger LOG = Logger.getLogger(UacService.class.getName());
  private final SipServices s;
  private final Teardown teardown;
  private final RequestFactory requests;
  private final LegReinvite reinvites;
  private final ClickToCall clickToCall;
  private final Context context;

  UacService(Context context, SipServices s, Teardown teardown) {
    this.context = context;
    this.s = s;
    this.teardown = teardown;
    this.requests = s.requests;
    this.reinvites = new LegReinvite(s);
    this.clickToCall = new ClickToCall(s, this::doOriginate);
  }

  /**
   * Calls {@code spec.target()} with our offer. Completes with the new call's id once answered and ACKed;
   * fails with {@link UacFailure} (status of the final response, 408 on timeout, 487 when cancelled).
   */
  public Future<String> originate(OutboundCall spec) {
    return onContext(() -> doOriginate(spec));
  }

  private Future<String> doOriginate(OutboundCall spec) {
    String sipCallId = requests.newCallId();
    SipLeg leg = SipLeg.outbound(sipCallId, SipMessages.newTag());
    Call call = new Call(CallDirection.OUTBOUND, "sip:" + spec.fromUser() + "@" + s.publicAddress(), spec.target(),
        sipCallId, xOnly(spec), s.now());
    s.start(call, leg);
    return s.openMedia(call, leg.leg())
        .recover(err -> {
          s.terminate(call, "no media port");
          return Future.failedFuture(new UacFailure(Response.SERVICE_UNAVAILABLE, "no media port"));
        })
        .compose(port -> {
          try {
            Request invite = requests.create(Request.INVITE, spec.target(), spec.fromUser(), sipCallId,
                leg.localTag(), spec.headers());
            String offer = s.sdp.createOffer(s.publicAddress(), port, leg.nextOrigin(), MediaDirection.SENDRECV);
            s.messages.setSdp(invite, offer);
            leg.localSdp(offer);
            leg.awaitingAnswer(true);
            return new OutboundInvite(s, leg, s.sdp, spec.username(), spec.password(), r -> ringing(call))
                .send(invite)
                .transform(ar -> ar.succeeded() ? connected(call, leg, spec, ar.result()) : failed(call, ar.cause()));
          } catch (Exception e) {
            s.terminate(call, "bad target: " + e.getMessage());
            return Future.failedFuture(new UacFailure(400, "bad target " + spec.target() + ": " + e.getMessage()));
          }
        });
  }

  private void ringing(Call call) {
    call.ringing().ifPresent(type -> s.publish(call, type, null));
  }

  private Future<String> connected(Call call, SipLeg leg, OutboundCall spec, NegotiatedMedia media) {
    if (call.state() == CallState.TERMINATED) { // hung up while the 2xx was on its way
      return teardown.hangup(call, "hung up").transform(x -> Future.failedFuture(new UacFailure(487, "cancelled")));
    }
    s.startMedia(call, leg, media);
    if (spec.app() != null) {
      call.target(RouteTarget.app(spec.app()));
      InviteHandler.attachTarget(s, call);
    }
    s.moveTo(call, CallState.CONNECTED, null);
    return Future.succeededFuture(call.id());
  }

  /** The INVITE failed: a leg that did get a dialog (2xx with a bad answer) is BYEd; the call ends. */
  private Future<String> failed(Call call, Throwable cause) {
    int status = cause instanceof UacFailure f ? f.status() : 500;
    return teardown.hangup(call, "outbound " + status + " " + cause.getMessage())
        .transform(x -> Future.failedFuture(cause));
  }

  /**
   * Click-to-call: rings the device (id or extension), and once it answers dials {@code number} as that
   * device would, bridging the two ({@link ClickToCall}). Completes with the call id when the device
   * answered; fails with {@link UacFailure} (404 no route, 480 device not registered, its refusal).
   */
  public Future<String> originateFromDevice(String device, String number, java.util.Map<String, String> headers) {
    return onContext(() -> clickToCall.start(device, number, headers));
  }

  /** Ends a call: BYE when connected, CANCEL or 487 when still being set up. Fails when the id is unknown. */
  public Future<Void> hangup(String callId, String reason) {
    return onContext(() -> doHangup(callId, reason));
  }

  private Future<Void> doHangup(String callId, String reason) {
    Call call = s.calls.byId(callId).orElse(null);
    if (call == null) {
      return Future.failedFuture(new UacFailure(404, "no call " + callId));
    }
    boolean settingUp = s.legs.of(call).stream().anyMatch(SipLeg::pending);
    // A call still being set up is not queued behind its own INVITE, which may wait for a long time.
    return settingUp ? teardown.hangup(call, reason) : call.enqueue(() -> teardown.hangup(call, reason));
  }

  /** CANCELs our pending INVITE; fails when the call is unknown or already answered. */
  public Future<Void> cancel(String callId) {
    return onContext(() -> doCancel(callId));
  }

  private Future<Void> doCancel(String callId) {
    Call call = s.calls.byId(callId).orElse(null);
    if (call == null || s.legs.of(call).stream().noneMatch(l -> l.pendingClientInvite() != null)) {
      return Future.failedFuture(new UacFailure(481, "no pending outbound INVITE for " + callId));
    }
    return teardown.hangup(call, "cancelled");
  }

  /** Puts the peer on hold: re-INVITE offering sendonly. */
  public Future<Void> hold(String callId) {
    return reinvite(callId, MediaDirection.SENDONLY);
  }

  /** Takes the peer off hold: re-INVITE offering sendrecv. */
  public Future<Void> resume(String callId) {
    return reinvite(callId, MediaDirection.SENDRECV);
  }

  /**
   * Asks the peer to call {@code referTo} (blind transfer, RFC 3515). Completes with the final status;
   * a 2xx moves the call to TRANSFERRED.
   */
  public Future<Integer> refer(String callId, String referTo) {
    return withDialog(callId, (call, leg, dialog) -> {
      Request refer = dialog.createRequest(Request.REFER);
      refer.addHeader(s.sip.headers().createReferToHeader(s.sip.addresses().createAddress(referTo)));
      refer.addHeader(s.messages.contact(null));
      return s.client.send(refer, dialog, null).map(response -> {
        if (response.getStatusCode() < 300) {
          s.moveTo(call, CallState.TRANSFERRED, "refer " + referTo);
        }
        return response.getStatusCode();
      });
    });
  }

  private Future<Void> reinvite(String callId, MediaDirection direction) {
    return withDialog(callId, (call, leg, dialog) -> reinvites.send(call, leg, direction));
  }

  private interface DialogOperation<T> {
    Future<T> run(Call call, SipLeg leg, Dialog dialog) throws Exception;
  }

  /**
   * Runs {@code op} on the verticle's context (at once when already there). An operation that throws fails the
   * future instead of leaving it pending forever.
   */
  private <T> Future<T> onContext(Supplier<Future<T>> op) {
    if (Vertx.currentContext() == context) {
      return guarded(op);
    }
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> guarded(op).onComplete(result));
    return result.future();
  }

  private static <T> Future<T> guarded(Supplier<Future<T>> op) {
    try {
      return op.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "call operation failed", e);
      return Future.failedFuture(e);
    }
  }

  /** Runs {@code op} on the verticle's context, in the call's queue, on its first SIP leg's confirmed dialog. */
  private <T> Future<T> withDialog(String callId, DialogOperation<T> op) {
    return onContext(() -> inDialog(callId, op));
  }

  private <T> Future<T> inDialog(String callId, DialogOperation<T> op) {
    Call call = s.calls.byId(callId).orElse(null);
    if (call == null) {
      return Future.failedFuture(new UacFailure(404, "no call " + callId));
    }
    return call.enqueue(() -> {
      SipLeg leg = s.legs.first(call).orElse(null);
      if (leg == null || leg.dialog() == null || leg.pending()) {
        return Future.failedFuture(new UacFailure(481, "call " + callId + " has no confirmed dialog"));
      }
      try {
        return op.run(call, leg, leg.dialog());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    });
  }

  private static java.util.Map<String, String> xOnly(OutboundCall spec) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    spec.headers().forEach((k, v) -> {
      if (k.regionMatches(true, 0, "X-", 0, 2)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
