package io.voicegateway.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries the events of {@link EventRelay#RELAYED} between this node's bus and the clustered bus, both ways, so the
 * dashboard's live feed and the bridges' clients on any node see every node's calls. One publish per event per
 * node: the clustered bus delivers it to every other node once, and each re-publishes it on its own bus.
 */
final class ClusterEvents {
  private final ClusterNode node;
  private final Vertx local;
  private final EventRelay relay;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

  ClusterEvents(ClusterNode node, Vertx local) {
    this.node = node;
    this.local = local;
    this.relay = new EventRelay(node.nodeId(), node.name());
  }

  void open() {
    for (String address : EventRelay.RELAYED) {
      consumers.add(local.eventBus().consumer(address, msg -> toCluster(address, msg)));
    }
    consumers.add(node.vertx().eventBus().consumer(EventRelay.CLUSTER_EVENTS, this::fromCluster));
  }

  private void toCluster(String address, Message<Object> msg) {
    Object out = relay.outbound(msg.body(), msg.headers().get(EventRelay.ORIGIN_HEADER));
    if (out != null) {
      node.vertx().eventBus().publish(EventRelay.CLUSTER_EVENTS, out, new DeliveryOptions()
          .addHeader(NodeInbox.ADDRESS_HEADER, address).addHeader(EventRelay.ORIGIN_HEADER, node.nodeId()));
    }
  }

  private void fromCluster(Message<Object> msg) {
    String address = msg.headers().get(NodeInbox.ADDRESS_HEADER);
    String origin = msg.headers().get(EventRelay.ORIGIN_HEADER);
    Object in = EventRelay.RELAYED.contains(address) ? relay.inbound(msg.body(), origin) : null;
    if (in != null) {
      local.eventBus().publish(address, in, new DeliveryOptions().addHeader(EventRelay.ORIGIN_HEADER, origin));
    }
  }

  void close() {
    consumers.forEach(MessageConsumer::unregister);
  }
}
