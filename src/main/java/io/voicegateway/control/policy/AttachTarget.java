package io.voicegateway.control.policy;

import io.voicegateway.control.Attachments;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.route.RouteTarget;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a call's routed target adds once the call's media runs (an answer, a late offer's ACK, a transfer to an
 * app, click-to-call, originate with an app): the app joins the mix as an app leg (once: a leg replaced and
 * re-answered does not attach it twice), or the stream's audio feed starts.
 */
public final class AttachTarget {
  private static final Logger LOG = Logger.getLogger(AttachTarget.class.getName());
  private final CallRegistry calls;
  private final Attachments attachments;
  private final AudioFeed feed;

  public AttachTarget(CallRegistry calls, Attachments attachments, AudioFeed feed) {
    this.calls = calls;
    this.attachments = attachments;
    this.feed = feed;
  }

  public void attach(Call call) {
    RouteTarget target = call.target();
    if (target == null) {
      return;
    }
    boolean attached = call.legs().stream().anyMatch(l -> l.kind() == LegKind.APP);
    if (!attached && target.runsApp()) {
      attachments.attachApp(call, target.appName(), target.appArgument());
      calls.addLeg(call, Leg.app(target.appName()));
    } else if (target.kind() == RouteTarget.Kind.STREAM) {
      feed.start(call, target.name()).onFailure(err -> LOG.log(Level.WARNING,
          "call " + call.id() + ": stream " + target.name() + " not started", err));
    }
  }
}
