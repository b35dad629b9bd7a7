package io.voicegateway.sip;

import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Dial;
import io.voicegateway.control.DialOutcome;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegState;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.DialogState;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One INVITE toward a {@link BridgeTarget} for call control: our offer in that target's codecs on the leg's
 * port, the responses turned into {@link DialOutcome}s, and what control decides done in SIP (early media from
 * the 18x's SDP, the 2xx's media started, CANCEL or BYE when given up).
 */
final class SipDial implements Dial {
  private static final Logger LOG = Logger.getLogger(SipDial.class.getName());
  private final OutboundSignalling sip;
  private final BusMedia media;
  private final SipLegs legs;
  private final Call call;
  private final BridgeTarget target;
  private final SipLeg leg;
  private final int port;
  private final String caller;
  private final Map<String, String> headers;
  private final Consumer<DialOutcome> outcomes;
  private final DialMedia offer;
  /** The SDP of the last 18x, for {@link #takeEarlyMedia}. */
  private String earlySdp;
  private boolean earlyMediaRuns;
  private NegotiatedMedia answer;
  private boolean cancelled;

  SipDial(OutboundSignalling sip, BusMedia media, SipLegs legs, Call call, BridgeTarget target, SipLeg leg, int port,
      DialMedia offer, String caller, Map<String, String> headers, Consumer<DialOutcome> outcomes) {
    this.sip = sip;
    this.media = media;
    this.legs = legs;
    this.call = call;
    this.target = target;
    this.leg = leg;
    this.port = port;
    this.caller = caller;
    this.headers = headers;
    this.outcomes = outcomes;
    this.offer = offer;
  }

  @Override
  public Leg leg() {
    return leg.leg();
  }

  @Override
  public void start() {
    String local = target.localAddress() == null ? sip.stack().publicAddress() : target.localAddress();
    Request invite;
    try {
      String from = target.fromUser() != null && !target.fromUser().isBlank() ? target.fromUser() : caller;
      invite = sip.requests().create(Request.INVITE, target.requestUri(), from, leg.sipCallId(), leg.localTag(),
          headers, local);
    } catch (Exception e) {
      outcomes.accept(new DialOutcome.Failed(Response.BAD_REQUEST,
          "bad target " + target.requestUri() + ": " + e.getMessage()));
      return;
    }
    String sdp = offer.offer(local, port);
    sip.messages().setSdp(invite, sdp);
    leg.localSdp(sdp);
    leg.localAddress(local);
    leg.awaitingAnswer(true);
    new OutboundInvite(sip, leg, offer::accept, target.username(), target.password(), this::provisional)
        .send(invite)
        .onSuccess(accepted -> {
          answer = accepted;
          outcomes.accept(new DialOutcome.Answered());
        })
        .onFailure(err -> outcomes.accept(new DialOutcome.Failed(
            err instanceof UacFailure f ? f.status() : Response.SERVER_INTERNAL_ERROR, err.getMessage())));
  }

  private void provisional(Response response) {
    earlySdp = SipMessages.body(response);
    int status = response.getStatusCode();
    outcomes.accept(earlySdp != null ? new DialOutcome.EarlyMedia(status) : new DialOutcome.Ringing(status));
  }

  @Override
  public boolean takeEarlyMedia() {
    if (earlySdp == null) {
      return false;
    }
    try {
      NegotiatedMedia early = offer.early(earlySdp);
      if (early == null) {
        return false;
      }
      media.start(call, leg, early);
      earlyMediaRuns = true;
      return true;
    } catch (SdpNegotiationException e) {
      LOG.info("call " + call.id() + ": unusable early SDP from " + target.label() + ": " + e.getMessage());
      return false;
    }
  }

  @Override
  public void join() {
    if (!earlyMediaRuns || !answer.equals(leg.media())) { // early media already runs as answered
      media.start(call, leg, answer);
    }
  }

  @Override
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    if (leg.pendingClientInvite() != null) {
      var invite = leg.pendingClientInvite();
      leg.pendingClientInvite(null);
      sip.client().cancel(invite).onFailure(e -> LOG.log(Level.WARNING, "call " + call.id() + ": could not CANCEL "
          + leg, e));
    }
    if (leg.dialog() != null && leg.dialog().getState() == DialogState.CONFIRMED) { // it answered after all
      try {
        sip.client().send(leg.dialog().createRequest(Request.BYE), leg.dialog(), null);
      } catch (Exception e) {
        LOG.log(Level.WARNING, "call " + call.id() + ": could not BYE late answer " + leg, e);
      }
    }
    media.close(call, leg.leg(), "not answered");
    leg.leg().state(LegState.ENDED);
    if (call.state() != CallState.TERMINATED) {
      legs.remove(call, leg);
    }
  }
}
