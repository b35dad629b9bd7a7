package io.voicegateway.sip;

import gov.nist.javax.sip.header.SIPHeader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.sip.auth.DigestChallenge;
import io.voicegateway.sip.auth.DigestClient;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One INVITE we send for one leg, and its outcome: provisional responses go to a callback, a 401/407 is
 * answered once with digest credentials (same Call-ID, next CSeq), a 2xx is ACKed and its SDP answer
 * accepted. The future completes with that answer, or fails with {@link UacFailure} (the final status;
 * 408 on timeout; 487 when we gave up first). A 2xx that comes after we gave up (CANCEL crossed it) is
 * ACKed and BYEd at once. Call-level consequences (events, media, other legs) are the caller's.
 */
final class OutboundInvite {
  private static final Logger LOG = Logger.getLogger(OutboundInvite.class.getName());
  private final OutboundSignalling sip;
  private final SipLeg leg;
  private final Function<String, Future<NegotiatedMedia>> acceptAnswer;
  private final String username;
  private final String password;
  private final Consumer<Response> provisional;
  private final Promise<NegotiatedMedia> answered = Promise.promise();
  private boolean authTried;

  /**
   * @param acceptAnswer reads the answer to the offer already in the INVITE (failing with an
   *                     {@link SdpNegotiationException} when it cannot be used)
   * @param provisional sees each 1xx except 100
   */
  OutboundInvite(OutboundSignalling sip, SipLeg leg, Function<String, Future<NegotiatedMedia>> acceptAnswer,
      String username, String password,
      Consumer<Response> provisional) {
    this.sip = sip;
    this.leg = leg;
    this.acceptAnswer = acceptAnswer;
    this.username = username;
    this.password = password;
    this.provisional = provisional;
  }

  /** Sends the INVITE (its SDP offer already set); see the class comment for the outcome. */
  Future<NegotiatedMedia> send(Request invite) {
    try {
      ClientTransaction ct = sip.stack().provider().getNewClientTransaction(invite);
      leg.pendingClientInvite(ct);
      leg.dialog(ct.getDialog());
      sip.client().send(ct, null, this::onProvisional).onComplete(ar -> {
        if (ar.succeeded()) {
          onFinal(ct, ar.result());
        } else {
          fail(ct, Response.REQUEST_TIMEOUT, "INVITE timed out");
        }
      });
    } catch (Exception e) {
      answered.tryFail(new UacFailure(Response.SERVER_INTERNAL_ERROR, String.valueOf(e.getMessage())));
    }
    return answered.future();
  }

  private void onProvisional(Response response) {
    if (response.getStatusCode() > Response.TRYING) {
      provisional.accept(response);
    }
  }

  private void onFinal(ClientTransaction ct, Response response) {
    int status = response.getStatusCode();
    if (leg.pendingClientInvite() != ct) { // we gave up on this INVITE (CANCEL, ring timeout, call ended)
      if (status < 300) {
        ackAndBye(ct, response);
      }
      answered.tryFail(new UacFailure(Response.REQUEST_TERMINATED, "cancelled"));
      return;
    }
    if (status < 300) {
      connected(ct, response);
    } else if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
        && !authTried && username != null) {
      authTried = true;
      retryWithCredentials(ct, response);
    } else {
      fail(ct, status, response.getReasonPhrase());
    }
  }

  private void connected(ClientTransaction ct, Response response) {
    leg.pendingClientInvite(null);
    leg.connected();
    Dialog dialog = ct.getDialog();
    leg.dialog(dialog);
    try {
      long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
      sip.client().ack(dialog, cseq);
    } catch (Exception e) {
      answered.tryFail(new UacFailure(Response.SERVER_INTERNAL_ERROR, "could not ACK: " + e.getMessage()));
      return;
    }
    String answer = SipMessages.body(response);
    Future<NegotiatedMedia> accepted = answer == null
        ? Future.failedFuture(new SdpNegotiationException(SdpNegotiationException.NOT_ACCEPTABLE_HERE,
            "2xx without SDP answer"))
        : acceptAnswer.apply(answer);
    accepted.onSuccess(media -> {
      leg.awaitingAnswer(false);
      leg.remoteSdpVersion(SdpVersions.version(answer));
      answered.tryComplete(media);
    }).onFailure(err -> {
      int status = err instanceof SdpNegotiationException e ? e.status() : Response.SERVER_INTERNAL_ERROR;
      if (status == SdpNegotiationException.NOT_ACCEPTABLE_HERE) {
        sip.metrics().codecNegotiationError();
      }
      answered.tryFail(new UacFailure(status, "unusable SDP answer: " + err.getMessage()));
    });
  }

  private void retryWithCredentials(ClientTransaction ct, Response challenge) {
    boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
    SIPHeader header = (SIPHeader) challenge.getHeader(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
    if (header == null) {
      fail(ct, challenge.getStatusCode(), "challenge without " + (proxy ? "Proxy-Authenticate" : "WWW-Authenticate"));
      return;
    }
    try {
      Request retry = (Request) ct.getRequest().clone();
      CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
      cseq.setSeqNumber(cseq.getSeqNumber() + 1);
      ViaHeader via = (ViaHeader) retry.getHeader(ViaHeader.NAME);
      retry.removeHeader(ViaHeader.NAME);
      retry.addHeader(sip.stack().headers().createViaHeader(via.getHost(), via.getPort(), via.getTransport(), null));
      String uri = retry.getRequestURI().toString();
      String credentials = DigestClient.authorize(DigestChallenge.parse(header.getHeaderValue()), Request.INVITE,
          uri, username, password, UUID.randomUUID().toString().replace("-", ""), 1).toHeaderValue();
      sip.messages().addHeader(retry, proxy ? "Proxy-Authorization" : "Authorization", credentials);
      send(retry);
    } catch (Exception e) {
      fail(ct, challenge.getStatusCode(), "cannot answer the challenge: " + e.getMessage());
    }
  }

  private void ackAndBye(ClientTransaction ct, Response response) {
    try {
      Dialog dialog = ct.getDialog();
      long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
      sip.client().ack(dialog, cseq);
      sip.client().send(dialog.createRequest(Request.BYE), dialog, null);
    } catch (Exception e) {
      // the peer's dialog times out on its own; we can do no more than say so
      LOG.log(Level.WARNING, "could not ACK and BYE a 2xx that came after we gave up on " + leg, e);
    }
  }

  private void fail(ClientTransaction ct, int status, String reason) {
    if (leg.pendingClientInvite() == ct) {
      leg.pendingClientInvite(null);
    }
    answered.tryFail(new UacFailure(status, reason));
  }
}
