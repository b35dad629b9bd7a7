package io.voicegateway.sip;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.codec.CodecType;
import io.voicegateway.control.Call;
import io.voicegateway.control.policy.CallControl;
import io.voicegateway.control.policy.Originate;
import javax.sip.Dialog;
import javax.sip.message.Request;

/**
 * The gateway as a caller, for the API and the B2BUA: originate, hold, resume, transfer (REFER), cancel,
 * hang up. Callable from any thread: each method hops onto the SIP verticle's context, and its future
 * completes there. Calls are named by their internal id; mid-call operations on one call run one at a
 * time.
 */
public final class UacService {
  private static final Logger LOG = Logger.getLogger(UacService.class.getName());
  private final Context context;
  private final CallControl control;
  private final Originate originate;
  private final OutboundSignalling signalling;
  private final SipLegs legs;
  private final List<CodecType> preference;
  private final ClickToCall clickToCall;

  /**
   * @param control    call control: originate, digits, the mid-call party, a REFER's outcome
   * @param preference the codecs our offers list, in order
   */
  UacService(Context context, CallControl control, OutboundSignalling signalling, SipLegs legs,
      List<CodecType> preference, ClickToCall clickToCall) {
    this.context = context;
    this.control = control;
    this.originate = control.originate();
    this.signalling = signalling;
    this.legs = legs;
    this.preference = preference;
    this.clickToCall = clickToCall;
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
        preference, null, spec.fromUser());
    return originate.place(new Originate.Request(target,
        "sip:" + spec.fromUser() + "@" + signalling.stack().publicAddress(), spec.target(),
        signalling.requests().newCallId(), spec.fromUser(), spec.headers(), spec.app()));
  }

  /**
   * Click-to-call: rings the device (id or extension), and once it answers dials {@code number} as that
   * device would, bridging the two ({@link ClickToCall}). Completes with the call id when the device
   * answered; fails with {@link UacFailure} (404 no route, 480 device not registered, its refusal).
   */
  public Future<String> originateFromDevice(String device, String number, java.util.Map<String, String> headers) {
    return onContext(() -> clickToCall.start(device, number, headers, this::doOriginate));
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
    return onContext(() -> control.sendDigits().send(callId, digits));
  }

  /** An app hands its call on (call control's {@link io.voicegateway.control.policy.AppHandOff}); the status. */
  public Future<Integer> handOff(CallCommands.HandOff request) {
    return onContext(() -> control.appHandOff().handOff(request));
  }

  /** Puts the party on hold through its endpoint: a SIP peer gets a re-INVITE offering sendonly, a browser a restart. */
  public Future<Void> hold(String callId) {
    return onContext(() -> control.party().actOnHoldable(callId, (call, party) -> party.endpoint().hold()));
  }

  /** Takes the party off hold: a re-INVITE offering sendrecv, a browser's media restarted both ways. */
  public Future<Void> resume(String callId) {
    return onContext(() -> control.party().actOnHoldable(callId, (call, party) -> party.endpoint().resume()));
  }

  /**
   * Asks the peer to call {@code referTo} (blind transfer, RFC 3515). Completes with the final status;
   * a 2xx moves the call to TRANSFERRED.
   */
  public Future<Integer> refer(String callId, String referTo) {
    return withDialog(callId, (call, leg, dialog) -> {
      Request refer = dialog.createRequest(Request.REFER);
      refer.addHeader(signalling.stack().headers().createReferToHeader(
          signalling.stack().addresses().createAddress(referTo)));
      refer.addHeader(signalling.messages().contact(null));
      return signalling.client().send(refer, dialog, null).map(response -> {
        control.referredAway().answered(call, response.getStatusCode(), referTo);
        return response.getStatusCode();
      });
    });
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
    return onContext(() -> control.party().act(callId, (call, party) -> {
      SipLeg leg = legs.of(party).orElse(null);
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

  /** Rings {@code target} into a live call (call control's {@link io.voicegateway.control.policy.AddParty}); the new leg's id. */
  public Future<String> addParty(String callId, String target) {
    return onContext(() -> control.addParty().add(callId, target));
  }

  /** Hangs one party up; the call goes on while two are left ({@link io.voicegateway.control.policy.DropParty}). */
  public Future<Void> dropParty(String callId, String legId) {
    return onContext(() -> control.dropParty().drop(callId, legId));
  }
}
