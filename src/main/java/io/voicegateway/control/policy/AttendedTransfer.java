package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * An attended transfer through us (RFC 5589 §7): the transferor B talks to A in call 1 and to C in call 2, then
 * asks to connect A to C, naming its own leg of call 2 as the one to replace. Since both calls run through the
 * gateway, no new call is placed: C's leg (every party of call 2 but the replaced one) moves into call 1, so the
 * mixer bridges A and C; B leaves call 1, and call 2 ends once the moved parties have left its mix. Which dialog
 * the transferor named, and whether it may be replaced, is the protocol's to find out; one of the very call it
 * transfers leaves nothing to join (400).
 */
public final class AttendedTransfer {
  /** Moves a party from one call to another: the registry and the media mix. */
  @FunctionalInterface
  public interface Mover {
    /** Completes once the party's media runs in {@code to}'s mix. */
    Future<?> move(Call from, Call to, Leg leg);
  }

  private final Transfers transfers;
  private final Teardown teardown;
  private final Mover mover;

  public AttendedTransfer(Transfers transfers, Teardown teardown, Mover mover) {
    this.transfers = transfers;
    this.teardown = teardown;
    this.mover = mover;
  }

  /**
   * @param call       call 1, whose {@code transferor} asked for the transfer
   * @param other      call 2, where {@code replaced} (the transferor's leg there) gives way
   * @param progress   how the transferor hears the outcome
   */
  public void join(Call call, Leg transferor, Call other, Leg replaced, BlindTransfer.Progress progress) {
    if (other == call) {
      progress.finish(Status.BAD_REQUEST);
      return;
    }
    List<Future<?>> moved = new ArrayList<>();
    for (Leg leg : List.copyOf(other.legs())) {
      if (leg != replaced && leg.kind() != LegKind.APP) { // an app of call 2 ends with it
        moved.add(mover.move(other, call, leg));
      }
    }
    progress.finish(Status.OK);
    transferor.transferredAway(true);
    transfers.end(call, transferor);
    replaced.transferredAway(true);
    transfers.announce(call, "attended transfer joined " + other.id());
    // Call 2 ends only once its staying legs have left its mix: its end closes whatever media it still has.
    Future.join(moved).onComplete(x -> other.enqueue(() -> teardown.hangUp(other, "replaced by an attended transfer")));
  }
}
