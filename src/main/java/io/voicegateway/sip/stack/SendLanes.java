package io.voicegateway.sip.stack;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

/**
 * Where the gateway's SIP messages leave the SIP event loop. Over TCP and TLS, JAIN-SIP connects, runs the
 * TLS handshake and writes inside its blocking send, and a write blocks once the peer stops reading; so a
 * stream send runs on a worker, after every earlier stream send that shares a lane with it: its
 * destination (the peer's address, or for a response the connection its request came on) and its call
 * (Call-ID). A peer that does not answer its port, handshake or reads holds up only what is queued for it,
 * and one dialog's requests, responses and ACKs leave in the order the SIP context produced them. UDP
 * sends cannot block and run at once on the caller's thread, so nothing changes for them.
 *
 * <p>Confined to the SIP context: {@link #send} is called there and the queued sends complete there.
 */
public final class SendLanes {
  /** One blocking JAIN-SIP send. */
  @FunctionalInterface
  public interface Send {
    void run() throws Exception;
  }

  /** The last send queued per lane; removed once it completed and nothing queued behind it. */
  private final Map<String, Future<Void>> tails = new HashMap<>();
  /** The context of the first stream send: the only one allowed to touch {@link #tails}. */
  private Context owner;

  /**
   * Sends at once when {@code lanes} is empty (UDP), else on a worker after the sends queued before on
   * any of these lanes (failed ones included: a dead connection does not stop the next attempt).
   */
  public Future<Void> send(List<String> lanes, Send send) {
    if (lanes.isEmpty()) {
      try {
        send.run();
        return Future.succeededFuture();
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    Context context = Vertx.currentContext();
    // a timer or a future callback may run on a duplicate of the SIP context: the same event loop, so the same owner
    Context root = context instanceof ContextInternal internal ? internal.unwrap() : context;
    if (owner == null) {
      owner = root;
    }
    if (root == null || root != owner) {
      return Future.failedFuture(new IllegalStateException("stream sends are queued from the SIP context only"));
    }
    List<Future<Void>> before = new ArrayList<>();
    for (String lane : lanes) {
      Future<Void> tail = tails.get(lane);
      if (tail != null) {
        before.add(tail);
      }
    }
    Future<Void> sent = Future.join(before).transform(previous -> context.<Void>executeBlocking(() -> {
      send.run();
      return null;
    }, false));
    for (String lane : lanes) {
      tails.put(lane, sent);
    }
    sent.onComplete(ar -> lanes.forEach(lane -> tails.remove(lane, sent)));
    return sent;
  }

  /** The lanes of a request we send: its destination (top Via transport, Request-URI) and its call. */
  public static List<String> of(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    if (!isStream(via)) {
      return List.of();
    }
    String host = request.getRequestURI() instanceof SipURI uri
        ? uri.getHost() + ":" + uri.getPort() : request.getRequestURI().toString();
    return List.of(transport(via) + ":" + host, call(request));
  }

  /**
   * The lanes of a response sent on {@code st}: the connection its request came on (the transaction's
   * peer) and its call.
   */
  public static List<String> of(ServerTransaction st) {
    Request request = st.getRequest();
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    if (!isStream(via)) {
      return List.of();
    }
    String peer = st instanceof gov.nist.javax.sip.stack.SIPTransaction t
        ? t.getPeerAddress() + ":" + t.getPeerPort() : via.getHost() + ":" + via.getPort();
    return List.of(transport(via) + ":" + peer, call(request));
  }

  /** The lanes of a response sent without a transaction: where its Via says the request came from. */
  public static List<String> ofStateless(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    if (!isStream(via)) {
      return List.of();
    }
    String host = via.getReceived() != null ? via.getReceived() : via.getHost();
    int port = via.getRPort() > 0 ? via.getRPort() : via.getPort();
    return List.of(transport(via) + ":" + host + ":" + port, call(request));
  }

  private static boolean isStream(ViaHeader via) {
    return via != null && !"UDP".equalsIgnoreCase(via.getTransport());
  }

  private static String transport(ViaHeader via) {
    return via.getTransport().toLowerCase(Locale.ROOT);
  }

  private static String call(Message message) {
    CallIdHeader callId = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
    return "call:" + (callId == null ? "" : callId.getCallId());
  }
}
