package io.voicegateway.sip;

import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;
import io.voicegateway.control.policy.Fork;
import io.voicegateway.control.CallState;
import io.voicegateway.control.route.RouteTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sip.message.Response;

/**
 * One accepted blind transfer (RFC 3515, RFC 5589 §6): the Refer-To target is dialled by a {@link Fork}
 * inside the transferor's call, so the party that stays (the transferee) is bridged to whoever answers by
 * the call's mixer. The transferor hears the progress as NOTIFYs; on answer it gets its BYE and the call
 * goes on without it (CALL_TRANSFERRED). On failure the final status is NOTIFYed and the call stays as it
 * was — unless the transferor already hung up, in which case nobody is left for the transferee and the
 * call ends.
 */
final class BlindTransfer implements Fork.Listener {
  private static final Logger LOG = Logger.getLogger(BlindTransfer.class.getName());

  private final SipServices s;
  private final Teardown teardown;
  private final Call call;
  private final SipLeg transferor;
  private final ReferSubscription subscription;
  private final String referTo;
  private final String referredBy;

  /** @param referredBy the transferor, named to the target in a Referred-By header (RFC 3892) */
  BlindTransfer(SipServices s, Teardown teardown, Call call, SipLeg transferor, ReferSubscription subscription,
      String referTo, String referredBy) {
    this.s = s;
    this.teardown = teardown;
    this.call = call;
    this.transferor = transferor;
    this.subscription = subscription;
    this.referTo = referTo;
    this.referredBy = referredBy;
  }

  /** Dials {@code targets} (what {@code route} resolved to); an app target joins the call at once. */
  void start(RouteTarget route, List<BridgeTarget> targets) {
    transferor.leg().transferredAway(true); // from now on its BYE must not end the call
    if (route.kind() == RouteTarget.Kind.APP) {
      call.target(route);
      InviteHandler.attachTarget(s, call);
      completed();
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>(call.xHeaders());
    headers.put("Referred-By", referredBy);
    new Fork(s.dialer, s.scheduler, call, transfereeUser(), headers, this).start(targets, route.ringTimeout());
  }

  @Override
  public void progress(int status) {
    subscription.progress(status);
  }

  @Override
  public void answered(Leg winner) {
    completed();
  }

  @Override
  public void failed(int status, String reason) {
    LOG.fine(() -> "call " + call.id() + ": transfer to " + referTo + " failed " + status + " " + reason);
    subscription.finish(status);
    transferor.leg().transferredAway(false);
    if (call.state() != CallState.TERMINATED && !call.legs().contains(transferor.leg())) {
      teardown.hangup(call, "transfer failed " + status + " after the transferor left");
    }
  }

  private void completed() {
    subscription.finish(Response.OK);
    if (call.legs().contains(transferor.leg())) {
      TransferredLeg.end(s, call, transferor);
    }
    TransferredLeg.announce(s, call, "transferred to " + referTo);
  }

  /** Who the target sees calling: the party that stays (the other end from the transferor). */
  private String transfereeUser() {
    String uri = s.legs.first(call).orElse(null) == transferor ? call.to() : call.from();
    return userOf(uri);
  }

  static String userOf(String uri) {
    if (uri == null) {
      return null;
    }
    int colon = uri.indexOf(':');
    int at = uri.indexOf('@');
    return colon >= 0 && at > colon ? uri.substring(colon + 1, at) : null;
  }
}
