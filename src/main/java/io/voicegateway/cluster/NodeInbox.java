package io.voicegateway.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.bus.Addresses;
import java.util.Set;

/**
 * This node's address on the clustered bus ({@link Addresses#node}): a request names, in its {@code address} header,
 * the local address it is for; the inbox passes it on to this node's own bus and the answer (or the failure, with
 * its HTTP status) back. Only the edges' control requests listed here pass: the media and SIP internals of a node
 * are nobody else's business.
 */
final class NodeInbox {
  static final String ADDRESS_HEADER = "address";
  static final String TIMEOUT_HEADER = "timeout";
  static final Set<String> FORWARDED = Set.of(Addresses.SIP_HANGUP, Addresses.SIP_TRANSFER, Addresses.SIP_STREAM,
      Addresses.CALL_HOLD, Addresses.CALL_RESUME, Addresses.CALL_DTMF, Addresses.CALL_RECORDING,
      Addresses.CALL_LEGS_ADD, Addresses.CALL_LEGS_DROP, Addresses.SIP_CALLS, Addresses.MEDIA_STATS,
      Addresses.SIP_TRACE, Addresses.STREAM_START, Addresses.STREAM_STOP, Addresses.STREAM_QUERY,
      Addresses.DEVICE_BINDINGS, Addresses.NODE_STATUS);
  private static final long DEFAULT_TIMEOUT_MS = 30_000;

  private final Vertx local;
  private final MessageConsumer<Object> consumer;

  NodeInbox(ClusterNode node, Vertx local) {
    this.local = local;
    this.consumer = node.vertx().eventBus().consumer(Addresses.node(node.nodeId()), this::forward);
  }

  private void forward(Message<Object> msg) {
    String address = msg.headers().get(ADDRESS_HEADER);
    if (address == null || !FORWARDED.contains(address)) {
      msg.fail(400, "not a forwarded address: " + address);
      return;
    }
    local.eventBus().request(address, msg.body(), new DeliveryOptions().setSendTimeout(timeout(msg)))
        .onSuccess(reply -> msg.reply(reply.body()))
        .onFailure(err -> msg.fail(err instanceof ReplyException re && re.failureCode() > 0 ? re.failureCode() : 500,
            err.getMessage()));
  }

  static long timeout(Message<?> msg) {
    String text = msg.headers().get(TIMEOUT_HEADER);
    try {
      return text == null ? DEFAULT_TIMEOUT_MS : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return DEFAULT_TIMEOUT_MS;
    }
  }

  void close() {
    consumer.unregister();
  }
}
