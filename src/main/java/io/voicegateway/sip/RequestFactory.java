package io.voicegateway.sip;

import io.voicegateway.sip.stack.SipStackHandle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sip.ListeningPoint;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/** Builds requests that start outside any dialog (INVITE, OPTIONS) with our Via, From and Contact. */
final class RequestFactory {
  private final SipStackHandle sip;
  private final SipMessages messages;

  RequestFactory(SipStackHandle sip, SipMessages messages) {
    this.sip = sip;
    this.messages = messages;
  }

  /**
   * @param target   the Request-URI and To, e.g. {@code sip:bob@10.0.0.2:5070;transport=tcp}
   * @param fromUser the user part of our From
   * @param callId   a Call-ID from {@link #newCallId()}
   * @param fromTag  our tag
   */
  Request create(String method, String target, String fromUser, String callId, String fromTag,
      Map<String, String> extraHeaders) throws Exception {
    return create(method, target, fromUser, callId, fromTag, extraHeaders, null);
  }

  /** As above, with {@code localAddress} (e.g. a trunk's learnt public address) in From, Via and Contact. */
  Request create(String method, String target, String fromUser, String callId, String fromTag,
      Map<String, String> extraHeaders, String localAddress) throws Exception {
    String local = localAddress == null ? sip.publicAddress() : localAddress;
    URI requestUri = sip.addresses().createURI(target);
    String transport = transportOf(requestUri);
    ListeningPoint lp = sip.listeningPoint(transport);
    SipURI fromUri = sip.addresses().createSipURI(fromUser, local);
    Address fromAddress = sip.addresses().createAddress(fromUri);
    FromHeader from = sip.headers().createFromHeader(fromAddress, fromTag);
    ToHeader to = sip.headers().createToHeader(sip.addresses().createAddress(requestUri), null);
    CallIdHeader callIdHeader = sip.headers().createCallIdHeader(callId);
    CSeqHeader cseq = sip.headers().createCSeqHeader(1L, method);
    ViaHeader via = sip.headers().createViaHeader(local, lp.getPort(), lp.getTransport(), null);
    MaxForwardsHeader maxForwards = sip.headers().createMaxForwardsHeader(70);
    Request request = sip.messages().createRequest(requestUri, method, callIdHeader, cseq, from, to,
        List.of(via), maxForwards);
    request.addHeader(messages.contact(lp.getTransport(), local));
    for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
      messages.addHeader(request, h.getKey(), h.getValue());
    }
    return request;
  }

  String newCallId() {
    return sip.provider().getNewCallId().getCallId();
  }

  private static String transportOf(URI uri) {
    if (uri instanceof SipURI sipUri) {
      if (sipUri.getTransportParam() != null) {
        return sipUri.getTransportParam().toLowerCase(Locale.ROOT);
      }
      return sipUri.isSecure() ? "tls" : "udp";
    }
    return "udp";
  }
}
