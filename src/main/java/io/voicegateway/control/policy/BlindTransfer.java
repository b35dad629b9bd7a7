package io.voicegateway.control.policy;

import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.RouteTarget;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One accepted blind transfer (RFC 3515, RFC 5589 §6): the target is rung by a {@link Fork} inside the
 * transferor's call, so the party that stays (the transferee) is bridged to whoever answers by the call's mixer.
 * The transferor hears the progress through its {@link Progress}; on answer it is hung up and the call goes on
 * without it (CALL_TRANSFERRED). On failure the final status is reported and the call stays as it was — unless the
 * transferor already hung up, in which case nobody is left for the transferee and the call ends. An app target
 * joins the call at once.
 */
public final class BlindTransfer implements Fork.Listener {
  private static final Logger LOG = Logger.getLogger(BlindTransfer.class.getName());

  /** How the transferor hears about its transfer (SIP: the NOTIFYs of the REFER's subscription). */
  public interface Progress {
    void progress(int status);

    /** The final status (200 when the target answered); nothing follows. */
    void finish(int status);
  }

  private final Policies services;
  private final Call call;
  private final Leg transferor;
  private final Progress progress;
  private final String referTo;

  /** @param referTo the target as the transferor named it, for the CALL_TRANSFERRED reason */
  public BlindTransfer(Policies services, Call call, Leg transferor, Progress progress, String referTo) {
    this.services = services;
    this.call = call;
    this.transferor = transferor;
    this.progress = progress;
    this.referTo = referTo;
  }

  /**
   * Rings {@code destinations} (what {@code route} resolved to) as {@code transfereeUser}, with {@code headers}
   * (the call's X- headers and the transferor's identity); an app target joins the call at once.
   */
  public void start(RouteTarget route, List<? extends Destination> destinations, String transfereeUser,
      Map<String, String> headers) {
    transferor.transferredAway(true); // from now on its hang-up must not end the call
    if (route.runsApp()) {
      call.target(route);
      services.attach().attach(call);
      completed();
      return;
    }
    new Fork(services.dialer(), services.scheduler(), call, transfereeUser, headers, this)
        .start(destinations, route.ringTimeout());
  }

  @Override
  public void progress(int status) {
    progress.progress(status);
  }

  @Override
  public void answered(Leg winner) {
    completed();
  }

  @Override
  public void failed(int status, String reason) {
    LOG.fine(() -> "call " + call.id() + ": transfer to " + referTo + " failed " + status + " " + reason);
    progress.finish(status);
    transferor.transferredAway(false);
    if (call.state() != CallState.TERMINATED && !call.legs().contains(transferor)) {
      services.teardown().hangUp(call, "transfer failed " + status + " after the transferor left");
    }
  }

  private void completed() {
    progress.finish(Status.OK);
    if (call.legs().contains(transferor)) {
      services.transfers().end(call, transferor);
    }
    services.transfers().announce(call, "transferred to " + referTo);
  }
}
