package io.voicegateway.sip;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.control.Call;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.DialogState;
import javax.sip.message.Response;

/**
 * A phone's attended transfer through us (RFC 5589 §7): the transferor B talks to A in call 1 and to C in
 * call 2, then REFERs A to C with {@code Replaces} naming its dialog of call 2. Since both calls run
 * through the gateway, no new INVITE is needed: C's leg moves into call 1 (signalling and mixer), so A and C
 * are bridged, and both of B's legs get BYE; call 2 ends. A Replaces that names no dialog of ours is NOTIFYed
 * as 481, one naming a dialog not yet confirmed as 481 too (we do not move ringing legs).
 */
final class AttendedTransfer {
  /** How long call 2's end waits for the media side to confirm a leg moved out of it. */
  private static final long MOVE_WAIT_MS = 2000;
  private final SipServices s;
  private final Teardown teardown;

  AttendedTransfer(SipServices s, Teardown teardown) {
    this.s = s;
    this.teardown = teardown;
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
    DialogLookup.Found found = DialogLookup.find(s, replaces.get()).orElse(null);
    if (found == null || found.leg().pending() || found.leg().dialog() == null
        || found.leg().dialog().getState() != DialogState.CONFIRMED) {
      subscription.finish(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
      return;
    }
    if (found.call() == call) { // B names a dialog of the very call it transfers: nothing to join
      subscription.finish(Response.BAD_REQUEST);
      return;
    }
    join(call, transferor, found.call(), found.leg(), subscription);
  }

  private void join(Call call, SipLeg transferor, Call other, SipLeg replaced, ReferSubscription subscription) {
    List<SipLeg> staying = s.legs.of(other).stream().filter(l -> l != replaced).toList();
    List<Future<?>> moved = new ArrayList<>();
    for (SipLeg leg : staying) {
      s.legs.remove(other, leg);
      s.legs.add(call, leg);
      if (leg.leg().mediaOpen()) {
        moved.add(s.vertx.eventBus().request(Addresses.MEDIA_LEG_MOVE,
            new MediaCommands.LegMove(other.id(), call.id(), leg.id()), new DeliveryOptions().setSendTimeout(MOVE_WAIT_MS)));
      }
    }
    subscription.finish(Response.OK);
    transferor.leg().transferredAway(true);
    TransferredLeg.end(s, call, transferor);
    replaced.leg().transferredAway(true);
    TransferredLeg.announce(s, call, "attended transfer joined " + other.id());
    // Call 2 ends only once its staying legs have left its mix: its end closes whatever media it still has.
    Future.join(moved).onComplete(x -> other.enqueue(() -> teardown.hangup(other, "replaced by an attended transfer")));
  }
}
