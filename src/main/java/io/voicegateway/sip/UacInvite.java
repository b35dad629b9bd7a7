package io.voicegateway.sip;

import gov.nist.javax.sip.header.SIPHeader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.call.Call;
import io.voicegateway.call.CallState;
import io.voicegateway.call.Leg;
import io.voicegateway.call.RouteTarget;
import io.voicegateway.sip.auth.DigestChallenge;
import io.voicegateway.sip.auth.DigestClient;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import java.util.UUID;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One outbound INVITE transaction and its outcome: provisional responses ring the call, a 2xx is ACKed
 * and its SDP answer starts the media, a 401/407 is answered once with digest credentials (same Call-ID,
 * next CSeq), anything else ends the call.
 */
final class UacInvite {
  private final SipServices s;
  private final Teardown teardown;
  private final Call call;
  private final Leg leg;
  private final OutboundCall spec;
  private final Promise<String> answered = Promise.promise();
  private boolean authTried;

  UacInvite(SipServices s, Teardown teardown, Call call, Leg leg, OutboundCall spec) {
    this.s = s;
    this.teardown = teardown;
    this.call = call;
    this.leg = leg;
    this.spec = spec;
  }

  /** Sends the INVITE; completes with the call id once answered and ACKed. */
  Future<String> send(Request invite) {
    try {
      ClientTransaction ct = s.sip.provider().getNewClientTransaction(invite);
      leg.pendingClientInvite(ct);
      leg.dialog(ct.getDialog());
      s.client.send(ct, null, this::provisional).onComplete(ar -> {
        if (ar.succeeded()) {
          onFinal(ct, ar.result());
        } else {
          fail(408, "INVITE timed out");
        }
      });
    } catch (Exception e) {
      fail(500, e.getMessage());
    }
    return answered.future();
  }

  private void provisional(Response response) {
    int status = response.getStatusCode();
    if (status == Response.RINGING || status == Response.SESSION_PROGRESS) {
      call.ringing().ifPresent(type -> s.publish(call, type, null));
    }
  }

  private void onFinal(ClientTransaction ct, Response response) {
    int status = response.getStatusCode();
    if (call.state() == CallState.TERMINATED) {
      if (status < 300) { // answered after we gave up (CANCEL crossed the 200): ACK and BYE it
        ackAndBye(ct, response);
      }
      answered.tryFail(new UacFailure(Response.REQUEST_TERMINATED, "cancelled"));
      return;
    }
    if (status < 300) {
      connected(ct, response);
    } else if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
        && !authTried && spec.username() != null) {
      authTried = true;
      retryWithCredentials(ct.getRequest(), response);
    } else {
      fail(status, response.getReasonPhrase());
    }
  }

  private void connected(ClientTransaction ct, Response response) {
    leg.pendingClientInvite(null);
    Dialog dialog = ct.getDialog();
    leg.dialog(dialog);
    try {
      long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
      dialog.sendAck(dialog.createAck(cseq));
    } catch (Exception e) {
      fail(500, "could not ACK: " + e.getMessage());
      return;
    }
    String answer = SipMessages.body(response);
    try {
      if (answer == null) {
        throw new SdpNegotiationException(SdpNegotiationException.NOT_ACCEPTABLE_HERE, "2xx without SDP answer");
      }
      NegotiatedMedia media = s.sdp.acceptAnswer(answer);
      leg.awaitingAnswer(false);
      leg.remoteSdpVersion(SdpVersions.version(answer));
      s.startMedia(call, leg, media);
    } catch (SdpNegotiationException e) {
      if (e.status() == SdpNegotiationException.NOT_ACCEPTABLE_HERE) {
        s.metrics.codecNegotiationError();
      }
      teardown.hangup(call, "unusable SDP answer: " + e.getMessage());
      answered.tryFail(new UacFailure(e.status(), e.getMessage()));
      return;
    }
    if (spec.app() != null) {
      call.target(RouteTarget.app(spec.app()));
      InviteHandler.attachApp(s, call);
    }
    s.moveTo(call, CallState.CONNECTED, null);
    answered.tryComplete(call.id());
  }

  private void retryWithCredentials(Request previous, Response challenge) {
    boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
    SIPHeader header = (SIPHeader) challenge.getHeader(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
    if (header == null) {
      fail(challenge.getStatusCode(), "challenge without " + (proxy ? "Proxy-Authenticate" : "WWW-Authenticate"));
      return;
    }
    try {
      Request retry = (Request) previous.clone();
      CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
      cseq.setSeqNumber(cseq.getSeqNumber() + 1);
      ViaHeader via = (ViaHeader) retry.getHeader(ViaHeader.NAME);
      retry.removeHeader(ViaHeader.NAME);
      retry.addHeader(s.sip.headers().createViaHeader(via.getHost(), via.getPort(), via.getTransport(), null));
      String uri = retry.getRequestURI().toString();
      String credentials = DigestClient.authorize(DigestChallenge.parse(header.getHeaderValue()), Request.INVITE,
          uri, spec.username(), spec.password(), UUID.randomUUID().toString().replace("-", ""), 1).toHeaderValue();
      s.messages.addHeader(retry, proxy ? "Proxy-Authorization" : "Authorization", credentials);
      send(retry);
    } catch (Exception e) {
      fail(challenge.getStatusCode(), "cannot answer the challenge: " + e.getMessage());
    }
  }

  private void ackAndBye(ClientTransaction ct, Response response) {
    try {
      Dialog dialog = ct.getDialog();
      long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
      dialog.sendAck(dialog.createAck(cseq));
      s.client.send(dialog.createRequest(Request.BYE), dialog, null);
    } catch (Exception ignored) {
      // best effort: the peer's dialog times out otherwise
    }
  }

  private void fail(int status, String reason) {
    leg.pendingClientInvite(null);
    s.terminate(call, "outbound " + status + " " + reason);
    answered.tryFail(new UacFailure(status, reason));
  }
}
