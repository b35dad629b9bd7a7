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
 * node: the clustered bus delivers it to every other node once, and each re-publishes it on its own bus, on the
 * address for other nodes' events ({@code vg.cluster.call.events}, {@code vg.cluster.voicemail.events}), which the
 * services that act on calls (history, recording, apps, streams, media, the call directory) do not listen to.
 */
final class ClusterEvents {
  private final Vertx clustered;
  private final String nodeId;
  private final Vertx local;
  private final EventRelay relay;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

  ClusterEvents(ClusterNode node, Vertx local) {
    this(node.vertx(), node.nodeId(), node.name(), local);
  }

  /**
   * @param clustered the Vert.x of the clustered bus
   * @param nodeId    this node's id on it (the origin its publishes carry)
   * @param name      this node's name, stamped on its call events
   * @param local     the gateway's own Vert.x
   */
  ClusterEvents(Vertx clustered, String nodeId, String name, Vertx local) {
    this.clustered = clustered;
    this.nodeId = nodeId;
    this.local = local;
    this.relay = new EventRelay(nodeId, name);
  }

  void open() {
    for (String address : EventRelay.RELAYED.keySet()) {
      consumers.add(local.eventBus().consumer(address, msg -> toCluster(address, msg)));
    }
    consumers.add(clustered.eventBus().consumer(EventRelay.CLUSTER_EVENTS, this::fromCluster));
  }

  private void toCluster(String address, Message<Object> msg) {
    Object out = relay.outbound(msg.body());
    if (out != null) {
      clustered.eventBus().publish(EventRelay.CLUSTER_EVENTS, out, new DeliveryOptions()
          .addHeader(NodeInbox.ADDRESS_HEADER, address).addHeader(EventRelay.ORIGIN_HEADER, nodeId));
    }
  }

  private void fromCluster(Message<Object> msg) {
    String address = msg.headers().get(NodeInbox.ADDRESS_HEADER);
    String origin = msg.headers().get(EventRelay.ORIGIN_HEADER);
    Object in = relay.inbound(address, msg.body(), origin);
    if (in != null) {
      local.eventBus().publish(EventRelay.RELAYED.get(address), in,
          new DeliveryOptions().addHeader(EventRelay.ORIGIN_HEADER, origin));
    }
  }

  void close() {
    consumers.forEach(MessageConsumer::unregister);
  }
}
