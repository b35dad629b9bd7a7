package io.voicegateway.cluster;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import java.util.List;

/**
 * Which events cross between nodes, and how they are stamped: the decisions of {@link ClusterEvents}, without a bus,
 * so they are unit-tested with fakes. A node publishes each of its own events once to the cluster, stamped with its
 * name; every other node publishes it once on its own bus; nothing a node received from the cluster goes back out
 * (no echo: an event carries its origin, as {@link CallEvent#node} and the {@link #ORIGIN_HEADER}).
 *
 * <p>Relayed: call events and voicemail events, what the dashboard and the bridges show. Not relayed: trunk
 * registrations (each node registers its own trunks, and meters them), playback events and the 16 kHz audio feeds
 * (media stays on the call's node; docs/scale-out.md).
 */
final class EventRelay {
  /** The local addresses whose events every node sees. */
  static final List<String> RELAYED = List.of(Addresses.CALL_EVENTS, Addresses.VOICEMAIL_EVENTS);
  /** The clustered bus's address for them; the local address travels in the {@code address} header. */
  static final String CLUSTER_EVENTS = "vg.cluster.events";
  /** The Vert.x node id of the node an event came from, on the clustered bus and on the local re-publish. */
  static final String ORIGIN_HEADER = "origin";

  private final String selfId;
  private final String selfName;

  /**
   * @param selfId   this node's Vert.x node id (what the clustered bus's origin header compares with)
   * @param selfName this node's name ({@code cluster.node_name}, or its id), stamped on its call events
   */
  EventRelay(String selfId, String selfName) {
    this.selfId = selfId;
    this.selfName = selfName;
  }

  /**
   * An event published on this node's bus: what to publish to the cluster, or null when it is not this node's (it
   * came from the cluster: sending it back would loop it between the nodes forever).
   *
   * @param origin the message's {@link #ORIGIN_HEADER}, null on an event this node's services published
   */
  Object outbound(Object body, String origin) {
    if (origin != null) {
      return null;
    }
    if (body instanceof CallEvent event) {
      return event.fromAnotherNode() ? null : event.withNode(selfName);
    }
    return body;
  }

  /**
   * An event from the clustered bus: what to publish on this node's bus, or null for this node's own (a cluster
   * publish reaches the publisher's consumer too) or one without an origin.
   */
  Object inbound(Object body, String origin) {
    if (origin == null || origin.equals(selfId)) {
      return null;
    }
    if (body instanceof CallEvent event && !event.fromAnotherNode()) {
      return event.withNode(origin); // a sender that did not stamp it: the node id stands in for its name
    }
    return body;
  }
}
