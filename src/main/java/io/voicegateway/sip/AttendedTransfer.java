package io.voicegateway.sip;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.voicegateway.control.policy.Policies;
import java.util.Optional;
import javax.sip.DialogState;
import javax.sip.message.Response;

/**
 * A phone's attended transfer through us (RFC 5589 §7): the transferor B talks to A in call 1 and to C in
 * call 2, then REFERs A to C with {@code Replaces} naming its dialog of call 2. Since both calls run
 * through the gateway, no new INVITE is needed: C's leg moves into call 1 (signalling and mixer), so A and C
 * are bridged, and both of B's legs get BYE; call 2 ends (call control's
 * {@link io.voicegateway.control.policy.AttendedTransfer} decides, also that a dialog of the very call is 400). A
 * Replaces that names no dialog of ours is NOTIFYed as 481, one naming a dialog not yet confirmed as 481 too (we do
 * not move ringing legs).
 */
final class AttendedTransfer {
  /** How long call 2's end waits for the media side to confirm a leg moved out of it. */
  private static final long MOVE_WAIT_MS = 2000;
  private final SipLegs legs;
  private final EventBus bus;
  private final io.voicegateway.control.policy.AttendedTransfer policy;

  AttendedTransfer(SipLegs legs, EventBus bus, Policies policies) {
    this.legs = legs;
    this.bus = bus;
    this.policy = new io.voicegateway.control.policy.AttendedTransfer(policies.transfers(), policies.teardown(),
        this::move);
  }

  /**
   * @param call       call 1, where the REFER arrived
   * @param transferor B's leg in call 1
   * @param escaped    the Refer-To's {@code Replaces} value, still %-escaped
   */
  void start(Call call, SipLeg transferor, String escaped, ReferSubscription subscription) {
    Optional<ReplacesHeader> replaces = ReplacesHeader.parseEscaped(escaped);
    if (replaces.isEmpty()) {
      subscription.finish(Response.BAD_REQUEST);
      return;
    }
    DialogLookup.Found found = DialogLookup.find(legs, replaces.get()).orElse(null);
    if (found == null || found.leg().pending() || found.leg().dialog() == null
        || found.leg().dialog().getState() != DialogState.CONFIRMED) {
      subscription.finish(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
      return;
    }
    policy.join(call, transferor.leg(), found.call(), found.leg().leg(), subscription);
  }

  /** Moves a SIP party of call 2 into call 1: SIP index and registry, then the mixer (when its media runs). */
  private Future<?> move(Call from, Call to, Leg leg) {
    SipLeg sip = legs.of(leg).orElse(null);
    if (sip == null) {
      return Future.succeededFuture();
    }
    legs.remove(from, sip);
    legs.add(to, sip);
    if (!leg.mediaOpen()) {
      return Future.succeededFuture();
    }
    return bus.request(Addresses.MEDIA_LEG_MOVE, new MediaCommands.LegMove(from.id(), to.id(), leg.id()),
        new DeliveryOptions().setSendTimeout(MOVE_WAIT_MS));
  }
}
