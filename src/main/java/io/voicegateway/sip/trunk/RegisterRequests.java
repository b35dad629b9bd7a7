package io.voicegateway.sip.trunk;

import io.voicegateway.config.MediaConfig;
import io.voicegateway.sip.stack.SipStackHandle;
import java.util.List;
import java.util.Locale;
import javax.sip.ListeningPoint;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds the REGISTER requests of one trunk registration (RFC 3261 §10.2): Request-URI = the registrar,
 * To = From = the address of record, one Call-ID and From tag for the registration's life, Contact on the
 * address we currently believe the registrar can reach us at. Reads the granted expiry out of a 2xx.
 */
final class RegisterRequests {
  private final SipStackHandle sip;
  private final MediaConfig.Registration reg;
  private final String registrarUri;
  private final String transport;
  private final String contactUser;

  RegisterRequests(SipStackHandle sip, MediaConfig.Registration reg) {
    this.sip = sip;
    this.reg = reg;
    this.registrarUri = registrarUri(reg);
    this.transport = transportOf(registrarUri);
    this.contactUser = contactUser(reg);
  }

  /** The user of the Contact we register: the account name, else the AOR's user, else "gateway". */
  static String contactUser(MediaConfig.Registration reg) {
    String user = reg.username() == null || reg.username().isBlank() ? userOf(reg.uri()) : reg.username();
    return user == null || user.isBlank() ? "gateway" : user;
  }

  /** The host and port written into our Via (what the registrar's received/rport are compared with). */
  String viaHost() {
    return sip.publicAddress();
  }

  int viaPort() {
    return listeningPoint().getPort();
  }

  String registrarUri() {
    return registrarUri;
  }

  /**
   * @param contactHostPort {@code host:port} for the Contact
   * @param authorization   {@code {header name, value}} or null
   */
  Request register(String callId, String fromTag, long cseq, int expirySeconds, String contactHostPort,
      String[] authorization) throws Exception {
    URI requestUri = sip.addresses().createURI(registrarUri);
    Address aor = sip.addresses().createAddress(sip.addresses().createURI(reg.uri()));
    ListeningPoint lp = listeningPoint();
    ViaHeader via = sip.headers().createViaHeader(viaHost(), lp.getPort(), lp.getTransport(), null);
    via.setRPort(); // ask for rport (RFC 3581) so a NATed registrar tells us the port it saw
    Request request = sip.messages().createRequest(requestUri, Request.REGISTER,
        sip.headers().createCallIdHeader(callId), sip.headers().createCSeqHeader(cseq, Request.REGISTER),
        sip.headers().createFromHeader(aor, fromTag), sip.headers().createToHeader(aor, null), List.of(via),
        sip.headers().createMaxForwardsHeader(70));
    request.addHeader(sip.headers().createContactHeader(sip.addresses().createAddress(contactUri(contactHostPort))));
    request.addHeader(sip.headers().createExpiresHeader(expirySeconds));
    if (authorization != null) {
      request.addHeader(sip.headers().createHeader(authorization[0], authorization[1]));
    }
    return request;
  }

  /**
   * The expiry the registrar granted our Contact: its {@code expires} parameter in the 2xx, else the
   * {@code Expires} header, else what we asked for (RFC 3261 §10.2.4).
   */
  int grantedExpiry(Response ok, String contactHostPort, int requested) {
    try {
      SipURI ours = contactUri(contactHostPort);
      for (var it = ok.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
        ContactHeader c = (ContactHeader) it.next();
        if (c.getAddress().getURI() instanceof SipURI uri && c.getExpires() >= 0
            && uri.getHost().equalsIgnoreCase(ours.getHost()) && port(uri) == port(ours)) {
          return c.getExpires();
        }
      }
    } catch (Exception e) {
      // an unparsable Contact in the answer: fall back to the Expires header
    }
    return ok.getExpires() != null ? ok.getExpires().getExpires() : requested;
  }

  private SipURI contactUri(String hostPort) throws Exception {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    SipURI uri = sip.addresses().createSipURI(contactUser, host);
    uri.setPort(Integer.parseInt(hostPort.substring(colon + 1)));
    if (!"udp".equals(transport)) {
      uri.setTransportParam(transport);
    }
    return uri;
  }

  private ListeningPoint listeningPoint() {
    return sip.listeningPoint(transport);
  }

  private static int port(SipURI uri) {
    return uri.getPort() > 0 ? uri.getPort() : 5060;
  }

  /** The configured registrar as a SIP URI; the AOR's domain when none is configured. */
  static String registrarUri(MediaConfig.Registration reg) {
    String r = reg.registrar();
    if (r == null || r.isBlank()) {
      String aor = reg.uri();
      int at = aor.indexOf('@');
      String scheme = aor.startsWith("sips:") ? "sips:" : "sip:";
      return scheme + (at >= 0 ? aor.substring(at + 1) : aor.substring(aor.indexOf(':') + 1));
    }
    return r.startsWith("sip:") || r.startsWith("sips:") ? r : "sip:" + r;
  }

  private static String transportOf(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    int i = lower.indexOf(";transport=");
    if (i >= 0) {
      String t = lower.substring(i + ";transport=".length());
      int end = t.indexOf(';');
      return end >= 0 ? t.substring(0, end) : t;
    }
    return lower.startsWith("sips:") ? "tls" : "udp";
  }

  private static String userOf(String aor) {
    int colon = aor.indexOf(':');
    int at = aor.indexOf('@');
    return colon >= 0 && at > colon ? aor.substring(colon + 1, at) : null;
  }
}
