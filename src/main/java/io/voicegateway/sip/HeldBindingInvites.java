package io.voicegateway.sip;

import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.sip.registrar.Bindings;
import io.voicegateway.sip.registrar.FinalResponses;
import io.voicegateway.sip.registrar.NodeHops;
import io.voicegateway.sip.stack.LogFloodGuard;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sip.address.SipURI;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The holding node's half of ringing a stream device across the cluster (issue 15): an INVITE whose Request-URI
 * carries a {@link NodeHops#PARAM} pass comes from another node that routed a call to a device whose TCP, TLS or
 * WebSocket connection this node holds. A good pass (minted under the cluster's secret, in date, not used before)
 * makes it a call from that node ({@link CallSource#node}) that rings the one binding the pass names
 * ({@link RouteTarget.Kind#BINDING}) over that connection, with this node's media in the path; any other pass gets
 * 403, so nobody outside the cluster reaches a device this way. The device's own routes, extensions and the
 * registrar's digest checks play no part: the calling node did all that already. Used on the SIP context.
 */
final class HeldBindingInvites {
  /** The calling node's own ring timeout ends the call first (its CANCEL); this only bounds a silent caller. */
  static final Duration RING_TIMEOUT = Duration.ofMinutes(5);
  private static final Logger LOG = Logger.getLogger(HeldBindingInvites.class.getName());

  /** A single node: no INVITE is one of these. */
  static final HeldBindingInvites NONE = new HeldBindingInvites(null, null);

  /** Either the caller and the target to ring, or the response that refuses the INVITE. */
  record Decision(CallSource source, RouteTarget target, Response refusal) {}

  /** All refusals are one kind of line, whatever the reason: the reason is the sender's to choose. */
  private static final String REFUSED = "cluster pass refused";

  private final Bindings bindings;
  private final MessageFactory messages;
  private final LogFloodGuard logGuard;

  HeldBindingInvites(Bindings bindings, MessageFactory messages) {
    this(bindings, messages, new LogFloodGuard(System::nanoTime));
  }

  HeldBindingInvites(Bindings bindings, MessageFactory messages, LogFloodGuard logGuard) {
    this.bindings = bindings;
    this.messages = messages;
    this.logGuard = logGuard;
  }

  /** Null when the INVITE carries no pass (an ordinary call); else what to do with it. */
  Decision decide(Request invite) {
    if (bindings == null || !(invite.getRequestURI() instanceof SipURI uri)
        || uri.getParameter(NodeHops.PARAM) == null) {
      return null;
    }
    Bindings.HeldBinding held = bindings.held(uri.getUser(), uri.getParameter(NodeHops.PARAM));
    if (held.refusal() != null) {
      logRefusal(held.refusal(), invite);
      return refuse(invite, Response.FORBIDDEN, "Forbidden (cluster pass: " + held.refusal() + ")");
    }
    if (held.binding() == null) {
      return refuse(invite, Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable (not bound here)");
    }
    return new Decision(CallSource.node(held.fromNode()),
        RouteTarget.binding(held.binding().deviceId(), held.binding().contact(), RING_TIMEOUT), null);
  }

  /**
   * One line per {@link LogFloodGuard}'s window however many forged passes arrive (a stranger controls how many),
   * naming the reason and the sender's host, never its header text; the next line says how many were held back.
   */
  private void logRefusal(String reason, Request invite) {
    ViaHeader via = (ViaHeader) invite.getHeader(ViaHeader.NAME);
    String line = logGuard.admit(REFUSED, "refused an INVITE for a device held here (cluster pass: " + reason
        + ") from " + (via == null ? "?" : via.getHost()));
    if (line != null) {
      LOG.warning(line);
    }
  }

  private Decision refuse(Request invite, int status, String reason) {
    return new Decision(null, null, FinalResponses.create(messages, invite, status, reason));
  }
}
