package io.voicegateway.sip;

import io.voicegateway.sip.stack.WarningText;
import io.voicegateway.sip.registrar.SourceOf;
import io.voicegateway.sip.stack.MalformedSip;
import io.voicegateway.sip.stack.OkRetransmission;
import io.voicegateway.sip.stack.SendLanes;
import io.voicegateway.sip.stack.SipStackHandle;
import io.voicegateway.sip.stack.Tags;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Builds and sends the messages the handlers need: responses with our tag, Contact, Allow, SDP bodies. */
public final class SipMessages {
  private static final Logger LOG = Logger.getLogger(SipMessages.class.getName());

  /** Methods we handle; anything else known gets 405, anything unknown 501 (RFC 3261 §8.2.1). */
  public static final List<String> ALLOWED = List.of(
      Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL, Request.OPTIONS, Request.NOTIFY, Request.REFER);
  /** Methods of RFC 3261 and its extensions that we know but do not serve (yet). */
  public static final List<String> KNOWN_NOT_ALLOWED = List.of(
      Request.REGISTER, Request.SUBSCRIBE, Request.PUBLISH, Request.MESSAGE, Request.INFO, Request.PRACK,
      Request.UPDATE);

  private final SipStackHandle sip;
  /** {@link #ALLOWED}, plus REGISTER when the registrar serves devices. */
  private final List<String> allowed;

  SipMessages(SipStackHandle sip, boolean registrar) {
    this.sip = sip;
    this.allowed = registrar
        ? java.util.stream.Stream.concat(ALLOWED.stream(), java.util.stream.Stream.of(Request.REGISTER)).toList()
        : ALLOWED;
  }

  public static String newTag() {
    return Tags.newTag();
  }

  /** A response to {@code request}; {@code toTag} is added when the request's To has no tag yet. */
  Response response(Request request, int status, String toTag) {
    try {
      Response response = sip.messages().createResponse(status, request);
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (toTag != null && to != null && to.getTag() == null && status != 100) {
        to.setTag(toTag);
      }
      return response;
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends a response on its transaction, logging instead of throwing (the peer may be gone): over UDP at
   * once, over TCP and TLS on a worker in order per connection and call ({@link SendLanes}). A 2xx to an
   * INVITE arms the dialog's retransmission timer first, on the sending thread ({@link OkRetransmission}).
   */
  void send(ServerTransaction st, Response response) {
    sip.lanes().send(SendLanes.of(st), () -> {
      OkRetransmission.armBeforeSending(st, response);
      st.sendResponse(response);
    }).onFailure(e -> LOG.log(Level.FINE, "could not send " + response.getStatusCode() + " for Call-ID "
        + callId(response), e));
  }

  /**
   * Answers a request the stack would not make a transaction for (e.g. an RFC 2543 INVITE without
   * Max-Forwards) with a stateless 400, when it has the headers a response needs.
   */
  void rejectStateless(Request request, String reason) {
    MalformedSip.count(request.getHeader(MaxForwardsHeader.NAME) == null ? MalformedSip.Reason.MISSING_HEADER
        : MalformedSip.Reason.UNPARSEABLE,
        request.getHeader(ViaHeader.NAME) == null ? null : SourceOf.request(request, null).toString(), reason);
    Response response;
    try {
      response = response(request, Response.BAD_REQUEST, newTag());
      response.setReasonPhrase("Bad Request (" + WarningText.phrase(reason) + ")");
    } catch (Exception e) {
      LOG.log(Level.FINE, "could not reject " + request.getMethod() + " statelessly for Call-ID "
          + callId(request), e);
      return;
    }
    sip.lanes().send(SendLanes.ofStateless(request), () -> sip.provider().sendResponse(response))
        .onFailure(e -> LOG.log(Level.FINE, "could not reject " + request.getMethod() + " statelessly for Call-ID "
            + callId(request), e));
  }

  private static String callId(Message message) {
    javax.sip.header.CallIdHeader h = (javax.sip.header.CallIdHeader) message.getHeader(javax.sip.header.CallIdHeader.NAME);
    return h == null ? null : h.getCallId();
  }

  void respond(ServerTransaction st, Request request, int status, String toTag) {
    send(st, response(request, status, toTag));
  }

  /** Sends the response RequestChecks asked for, with its extra headers. */
  void reject(ServerTransaction st, Request request, RequestRejection rejection, String toTag) {
    Response response = response(request, rejection.status(), toTag);
    try {
      response.setReasonPhrase(rejection.reason());
      for (Map.Entry<String, String> h : rejection.headers().entrySet()) {
        response.addHeader(sip.headers().createHeader(h.getKey(), h.getValue()));
      }
    } catch (ParseException e) {
      LOG.log(Level.FINE, "bad rejection header", e);
    }
    send(st, response);
  }

  void addAllow(Message message) {
    try {
      for (String method : allowed) {
        message.addHeader(sip.headers().createAllowHeader(method)); // JAIN-SIP joins them into one line
      }
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  void addHeader(Message message, String name, String value) {
    try {
      message.addHeader(sip.headers().createHeader(name, value));
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Our Contact on the transport the peer used (so it comes back on the same one). */
  ContactHeader contact(String transport) {
    return contact(transport, sip.publicAddress());
  }

  /** As {@link #contact(String)} at {@code host} (a trunk's learnt public address, say). */
  ContactHeader contact(String transport, String host) {
    try {
      String t = transport == null ? "udp" : transport.toLowerCase(Locale.ROOT);
      SipURI uri = sip.addresses().createSipURI("gateway", host);
      uri.setPort(sip.listeningPoint(t).getPort());
      if (!"udp".equals(t)) {
        uri.setTransportParam(t);
      }
      Address address = sip.addresses().createAddress(uri);
      return sip.headers().createContactHeader(address);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The transport the request came over, from its top Via. */
  static String transport(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    return via == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
  }

  void setSdp(Message message, String sdp) {
    try {
      message.setContent(sdp.getBytes(StandardCharsets.UTF_8),
          sip.headers().createContentTypeHeader("application", "sdp"));
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The body as text, or null when there is none. */
  static String body(Message message) {
    byte[] raw = message.getRawContent();
    return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
  }

  /** Every X- header of the request, names as received (the first value when one repeats). */
  static Map<String, String> xHeaders(Request request) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<?> it = request.getHeaderNames(); it.hasNext(); ) {
      String name = (String) it.next();
      if (name.regionMatches(true, 0, "X-", 0, 2)) {
        Header header = request.getHeader(name);
        if (header instanceof ExtensionHeader ext) {
          out.putIfAbsent(name, ext.getValue());
        }
      }
    }
    return out;
  }
}
