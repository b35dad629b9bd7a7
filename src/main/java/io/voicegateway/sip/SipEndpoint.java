package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Endpoint;
import io.voicegateway.control.MediaControl;
import io.voicegateway.sip.sdp.MediaDirection;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One SIP leg as call control's {@link Endpoint}. While an inbound INVITE waits for our answer
 * ({@link #answering}), progress is a 180 or 183 without a body, early media a 183 with our answer (which the 200
 * then repeats), the answer a 200 once the leg's media runs, a rejection the final status with the reason in a
 * Warning. Hold and resume are re-INVITEs; hanging up is a BYE, a 487 or a CANCEL depending on where the leg is.
 */
final class SipEndpoint implements Endpoint {
  private static final Logger LOG = Logger.getLogger(SipEndpoint.class.getName());
  private final SipMessages messages;
  private final ClientRequests client;
  private final CallRegistry calls;
  private final MediaControl media;
  private final LegReinvite reinvites;
  private final SipLeg leg;
  private Answering answering;

  /** The inbound INVITE being answered: the handler that answers it, our answer to its offer, its port. */
  private record Answering(InviteHandler invites, Call call, Request request, ServerTransaction st,
      NegotiatedMedia media, int port) {}

  /**
   * @param media      what the media side does for a leg (DTMF)
   * @param reinvites  hold and resume
   */
  SipEndpoint(SipMessages messages, ClientRequests client, CallRegistry calls, MediaControl media,
      LegReinvite reinvites, SipLeg leg) {
    this.messages = messages;
    this.client = client;
    this.calls = calls;
    this.media = media;
    this.reinvites = reinvites;
    this.leg = leg;
  }

  /**
   * The leg's INVITE is to be answered by control: {@code media} is our answer to its offer (null for a late
   * offer), {@code port} the leg's RTP port.
   */
  void answering(InviteHandler invites, Call call, Request request, ServerTransaction st, NegotiatedMedia media,
      int port) {
    this.answering = new Answering(invites, call, request, st, media, port);
  }

  /** Whether the caller can hear early media: only one whose own offer we answered. */
  boolean takesEarlyMedia() {
    return answering != null && answering.media() != null;
  }

  @Override
  public void progress(int status) {
    ServerTransaction st = leg.pendingServerInvite();
    if (st != null) {
      messages.respond(st, st.getRequest(), status, leg.localTag());
    }
  }

  @Override
  public void earlyMedia() {
    Answering a = answering();
    a.invites().progressWith(a.call(), leg, a.request(), a.st(), a.media(), a.port());
  }

  @Override
  public Future<Void> answer() {
    Answering a = answering();
    return a.invites().answerWith(a.call(), leg, a.request(), a.st(), a.media(), a.port());
  }

  @Override
  public void reject(int status, String reason) {
    if (leg.pending()) {
      Answering a = answering();
      a.invites().fail(a.call(), leg, a.request(), a.st(), status, reason);
    }
  }

  private Answering answering() {
    if (answering == null) {
      throw new IllegalStateException(leg + " has no INVITE to answer");
    }
    return answering;
  }

  @Override
  public boolean pending() {
    return leg.pending();
  }

  @Override
  public Future<Void> hold() {
    return reinvite(MediaDirection.SENDONLY);
  }

  @Override
  public Future<Void> resume() {
    return reinvite(MediaDirection.SENDRECV);
  }

  private Future<Void> reinvite(MediaDirection direction) {
    return calls.callOf(leg.id())
        .map(call -> reinvites.send(call, leg, direction))
        .orElseGet(() -> Future.failedFuture(new UacFailure(481, leg + " belongs to no call")));
  }

  /** RFC 4733 events in the leg's RTP: the media side sends them. */
  @Override
  public Future<Void> sendDtmf(String digits) {
    return calls.callOf(leg.id())
        .map(call -> media.sendDtmf(call, leg.leg(), digits))
        .orElseGet(() -> Future.failedFuture(new UacFailure(481, leg + " belongs to no call")));
  }

  @Override
  public Future<Void> hangUp(String reason) {
    try {
      if (leg.pendingServerInvite() != null) {
        ServerTransaction st = leg.pendingServerInvite();
        leg.pendingServerInvite(null);
        messages.respond(st, st.getRequest(), Response.REQUEST_TERMINATED, leg.localTag());
        return Future.succeededFuture();
      }
      if (leg.pendingClientInvite() != null) {
        ClientTransaction invite = leg.pendingClientInvite();
        leg.pendingClientInvite(null);
        return client.cancel(invite).mapEmpty();
      }
      Dialog dialog = leg.dialog();
      if (dialog != null && dialog.getState() == DialogState.CONFIRMED) {
        leg.dialog(null);
        return client.send(dialog.createRequest(Request.BYE), dialog, null).mapEmpty();
      }
      return Future.succeededFuture();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "could not end " + leg + " (" + reason + ")", e);
      return Future.failedFuture(e);
    }
  }
}
