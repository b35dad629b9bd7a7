package io.voicegateway.sip;

import gov.nist.javax.sip.header.SIPHeader;
import io.voicegateway.control.Call;
import io.voicegateway.control.policy.TransferRouting;
import io.voicegateway.sip.stack.SipStackHandle;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A REFER from one of our legs (RFC 3515): the party asks us to connect the other end of its call
 * elsewhere. Checked first (unknown dialog 481; no Refer-To, or more than one, 400), then accepted with
 * 202 and a first NOTIFY "100 Trying". A Refer-To carrying {@code ?Replaces=} is an attended transfer
 * ({@link AttendedTransfer}); otherwise call control's {@link TransferRouting} routes its user like a new call
 * from the transferor and dials it. A target that does not route gets its failure as the final NOTIFY.
 */
final class ReferHandler {
  private final SipLegs legs;
  private final SipMessages messages;
  private final SipStackHandle sip;
  private final ClientRequests client;
  private final TransferRouting routing;
  private final AttendedTransfer attended;

  ReferHandler(SipLegs legs, SipMessages messages, SipStackHandle sip, ClientRequests client,
      TransferRouting routing, AttendedTransfer attended) {
    this.legs = legs;
    this.messages = messages;
    this.sip = sip;
    this.client = client;
    this.routing = routing;
    this.attended = attended;
  }

  void handle(Request refer, ServerTransaction st) {
    String sipCallId = ((CallIdHeader) refer.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = legs.callBySipCallId(sipCallId).orElse(null);
    SipLeg leg = legs.bySipCallId(sipCallId).orElse(null);
    if (call == null || leg == null || leg.dialog() == null || leg.pending()) {
      messages.respond(st, refer, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    ListIterator<?> referTos = refer.getHeaders(ReferToHeader.NAME);
    ReferToHeader referTo = referTos.hasNext() ? (ReferToHeader) referTos.next() : null;
    if (referTo == null || referTos.hasNext()) {
      reject(st, refer, referTo == null ? "Missing Refer-To" : "More than one Refer-To");
      return;
    }
    URI target = referTo.getAddress().getURI();
    String referredBy = referredBy(refer);
    messages.respond(st, refer, Response.ACCEPTED, null);
    long cseq = ((CSeqHeader) refer.getHeader(CSeqHeader.NAME)).getSeqNumber();
    ReferSubscription subscription = new ReferSubscription(sip, messages, client, leg, cseq);
    subscription.progress(Response.TRYING);
    routing.inTurn(call, leg.leg(), subscription,
        () -> start(call, leg, target, referredBy, subscription));
  }

  /**
   * Who asked for the transfer, for the target's INVITE (RFC 3892): the REFER's Referred-By, or its From
   * (the transferor's identity in the dialog) when it has none or one we could not repeat.
   */
  private String referredBy(Request refer) {
    if (refer.getHeader("Referred-By") instanceof SIPHeader given) {
      String value = given.getHeaderValue().trim();
      try {
        sip.headers().createHeader("Referred-By", value);
        return value;
      } catch (ParseException e) {
        // fall back to From
      }
    }
    return ((FromHeader) refer.getHeader(FromHeader.NAME)).getAddress().toString();
  }

  private void start(Call call, SipLeg transferor, URI target, String referredBy, ReferSubscription subscription) {
    Optional<String> replaces = ReplacesHeader.fromUriHeaders(target.toString());
    if (replaces.isPresent()) {
      attended.start(call, transferor, replaces.get(), subscription);
      return;
    }
    String number = number(target);
    if (number == null) {
      subscription.finish(Response.UNSUPPORTED_URI_SCHEME);
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>(call.xHeaders());
    headers.put("Referred-By", referredBy);
    routing.transfer(call, transferor.leg(), number, target.toString(), transfereeUser(call, transferor),
        headers, subscription);
  }

  /** Who the target sees calling: the party that stays (the other end from the transferor). */
  private String transfereeUser(Call call, SipLeg transferor) {
    String uri = legs.first(call).orElse(null) == transferor ? call.to() : call.from();
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

  /** The number a Refer-To dials: a SIP URI's user, a tel: URI's number. */
  private static String number(URI uri) {
    if (uri instanceof SipURI sip) {
      return sip.getUser();
    }
    return uri instanceof TelURL tel ? tel.getPhoneNumber() : null;
  }

  private void reject(ServerTransaction st, Request refer, String reason) {
    Response response = messages.response(refer, Response.BAD_REQUEST, null);
    try {
      response.setReasonPhrase(reason);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
    messages.send(st, response);
  }
}
