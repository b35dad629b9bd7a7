package io.voicegateway.sip;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.voicegateway.control.Call;
import io.voicegateway.control.policy.Originate;
import io.voicegateway.sip.sdp.MediaDirection;
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
  private final Originate originate;
  private final LegReinvite reinvites;
  private final ClickToCall clickToCall;
  private final Context context;

  UacService(Context context, SipServices s) {
    this.context = context;
    this.s = s;
    this.originate = s.control.originate();
    this.reinvites = new LegReinvite(s);
    this.clickToCall = new ClickToCall(s, this::doOriginate);
  }

  /**
   * Calls {@code spec.target()} with our offer (call control's {@link Originate}). Completes with the new call's id
   * once answered and ACKed; fails with a {@link io.voicegateway.control.CallFailure} (status of the final
   * response, 408 on timeout, 487 when cancelled, 503 without a media port).
   */
  public Future<String> originate(OutboundCall spec) {
    return onContext(() -> doOriginate(spec));
  }

  private Future<String> doOriginate(OutboundCall spec) {
    // the destination has no label: the leg's peer is then its dialog's remote party, as for any call we place
    BridgeTarget target = new BridgeTarget(null, spec.target(), spec.username(), spec.password(),
        s.sdp.preference(), null, spec.fromUser());
    return originate.place(new Originate.Request(target, "sip:" + spec.fromUser() + "@" + s.publicAddress(),
        spec.target(), s.requests.newCallId(), spec.fromUser(), spec.headers(), spec.app()));
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
    return onContext(() -> originate.hangUp(callId, reason));
  }

  /** CANCELs our pending INVITE; fails when the call is unknown or already answered. */
  public Future<Void> cancel(String callId) {
    return onContext(() -> originate.cancel(callId));
  }

  /**
   * Sends RFC 4733 digits into the call; call control's {@link io.voicegateway.control.policy.SendDigits} picks
   * the party that hears them.
   */
  public Future<Void> sendDigits(String callId, String digits) {
    return onContext(() -> s.control.sendDigits().send(callId, digits));
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
        s.control.referredAway().answered(call, response.getStatusCode(), referTo);
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

  /**
   * Runs {@code op} on the verticle's context on the dialog of the party call control picks ({@link
   * io.voicegateway.control.policy.CallParty}: 404 unknown call, 481 not confirmed), in the call's queue.
   */
  private <T> Future<T> withDialog(String callId, DialogOperation<T> op) {
    return onContext(() -> s.control.party().act(callId, (call, party) -> {
      SipLeg leg = s.legs.of(party).orElse(null);
      if (leg == null || leg.dialog() == null) {
        return Future.failedFuture(new UacFailure(481, "call " + callId + " has no confirmed dialog"));
      }
      try {
        return op.run(call, leg, leg.dialog());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }));
  }

  /** Call control, for the bus consumers on this verticle's context that hand a request straight to a policy. */
  io.voicegateway.control.policy.CallControl control() {
    return s.control;
  }
}
