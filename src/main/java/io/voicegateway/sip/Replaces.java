package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.policy.Transfers;
import io.voicegateway.sip.registrar.SourceOf;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import io.voicegateway.sip.sdp.SdpNegotiator;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sip.DialogState;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * An initial INVITE with a {@code Replaces} header (RFC 3891): the new party takes the place of one of our
 * legs (a phone completing an attended transfer, a call pickup). The new leg joins the replaced leg's call,
 * so the mixer bridges it with the rest of that call; the replaced leg gets BYE and CALL_TRANSFERRED is
 * published. No matching dialog: 481; {@code early-only} for a confirmed dialog: 486 (§3). We replace
 * confirmed dialogs only; an early one is answered 481. The caller goes through the same
 * {@link InviteAuthenticator} as any INVITE (a device is challenged), so the new leg's peer is known.
 */
final class Replaces {
  private static final Logger LOG = Logger.getLogger(Replaces.class.getName());
  static final String HEADER = "Replaces";

  private final SipLegs legs;
  private final SipMessages messages;
  private final InviteAuthenticator authenticator;
  private final SdpNegotiator sdp;
  private final BusMedia media;
  private final Transfers transfers;
  private final InviteHandler invites;

  /** @param invites answers the new INVITE as any other (media start, 200 with our SDP, late offer) */
  Replaces(SipLegs legs, SipMessages messages, InviteAuthenticator authenticator, SdpNegotiator sdp, BusMedia media,
      Transfers transfers, InviteHandler invites) {
    this.legs = legs;
    this.messages = messages;
    this.authenticator = authenticator;
    this.sdp = sdp;
    this.media = media;
    this.transfers = transfers;
    this.invites = invites;
  }

  /**
   * The hook for initial INVITEs: true when the INVITE carried Replaces and has been dealt with here (answered,
   * or rejected), false when it is an ordinary new call for the caller to route.
   */
  boolean handles(Request invite, ServerTransaction st) {
    Header header = invite.getHeader(HEADER);
    if (header == null) {
      return false;
    }
    String value = header instanceof ExtensionHeader ext ? ext.getValue()
        : header.toString().substring(header.toString().indexOf(':') + 1).strip();
    Optional<ReplacesHeader> replaces = ReplacesHeader.parse(value);
    if (replaces.isEmpty()) {
      messages.respond(st, invite, Response.BAD_REQUEST, SipMessages.newTag());
      return true;
    }
    DialogLookup.Found found = DialogLookup.find(legs, replaces.get()).orElse(null);
    boolean confirmed = found != null && !found.leg().pending() && found.leg().dialog() != null
        && found.leg().dialog().getState() == DialogState.CONFIRMED;
    if (found != null && confirmed && replaces.get().earlyOnly()) {
      messages.respond(st, invite, Response.BUSY_HERE, SipMessages.newTag());
      return true;
    }
    if (!confirmed || found.leg().leg().transferredAway()) {
      messages.respond(st, invite, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, SipMessages.newTag());
      return true;
    }
    // Knowing the dialog's tags is most of the authorisation (RFC 3891 §8); a device still proves itself.
    InviteAuthenticator.Decision who = authenticator.authenticate(invite, SourceOf.request(invite, st));
    if (!who.admitted()) {
      messages.send(st, who.refusal());
      return true;
    }
    Call call = found.call();
    SipLeg replaced = found.leg();
    String sipCallId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
    SipLeg leg = SipLeg.inbound(sipCallId, SipMessages.newTag(), st);
    leg.leg().peer(who.source().id() != null ? who.source().id() : ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
    legs.add(call, leg);
    transfers.replacing(replaced.leg());
    call.enqueue(() -> answer(call, leg, replaced, invite, st));
    return true;
  }

  private Future<Void> answer(Call call, SipLeg leg, SipLeg replaced, Request invite, ServerTransaction st) {
    String offer = SipMessages.body(invite);
    NegotiatedMedia negotiated = null;
    if (offer != null) {
      try {
        negotiated = sdp.answer(offer);
        leg.remoteSdpVersion(SdpVersions.version(offer));
      } catch (SdpNegotiationException e) {
        refuse(call, leg, replaced, invite, st, e.status());
        return Future.succeededFuture();
      }
    }
    NegotiatedMedia answer = negotiated;
    return media.open(call, leg.leg())
        .compose(port -> invites.answerWith(call, leg, invite, st, answer, port))
        .map(v -> {
          transfers.replaced(call, leg.leg(), replaced.leg(), "replaced " + replaced.sipCallId());
          return (Void) null;
        })
        .recover(err -> {
          LOG.warning("call " + call.id() + ": Replaces not answered: " + err.getMessage());
          refuse(call, leg, replaced, invite, st, Response.SERVICE_UNAVAILABLE);
          return Future.succeededFuture();
        });
  }

  /** The new party could not join: it is turned away and the replaced leg stays as it was. */
  private void refuse(Call call, SipLeg leg, SipLeg replaced, Request invite, ServerTransaction st, int status) {
    if (leg.pendingServerInvite() != null) {
      leg.pendingServerInvite(null);
      messages.respond(st, invite, status, leg.localTag());
    }
    media.close(call, leg.leg(), "Replaces refused");
    legs.remove(call, leg);
    transfers.notReplaced(replaced.leg());
  }
}
