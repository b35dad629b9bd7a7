package io.voicegateway.sip.registrar;

import gov.nist.javax.sip.stack.SIPTransaction;
import java.util.Locale;
import javax.sip.ServerTransaction;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/** Where a request came from: the transaction's peer socket, else the top Via's received/rport (RFC 3581). */
public final class SourceOf {
  private SourceOf() {
  }

  /**
   * Reads the source while the stack's thread still holds the request, and keeps it with the transaction. Over UDP
   * the transaction's peer is read from the stack's one receiving channel, which moves on to the next datagram:
   * read later, on the verticle's context, it may name whoever sent the next one (two phones registering at once
   * then had one's binding point at the other, and its calls rang the wrong phone).
   */
  public static void capture(Request request, ServerTransaction st) {
    if (st != null) {
      st.setApplicationData(fromPeer(request, st));
    }
  }

  public static Source request(Request request, ServerTransaction st) {
    if (st != null && st.getApplicationData() instanceof Source captured) {
      return captured;
    }
    return fromPeer(request, st);
  }

  private static Source fromPeer(Request request, ServerTransaction st) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    String transport = via == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
    if (st instanceof SIPTransaction t && t.getPeerAddress() != null && t.getPeerPort() > 0) {
      return new Source(t.getPeerAddress(), t.getPeerPort(), transport);
    }
    String host = via.getReceived() != null ? via.getReceived() : via.getHost();
    int port = via.getRPort() > 0 ? via.getRPort() : via.getPort() > 0 ? via.getPort() : 5060;
    return new Source(host, port, transport);
  }
}
