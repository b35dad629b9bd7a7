package io.voicegateway.cluster;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import java.util.Map;

/**
 * Which events cross between nodes, where they land and how they are stamped: the decisions of {@link ClusterEvents},
 * without a bus, so they are unit-tested with fakes. A node publishes each of its own events once to the cluster,
 * stamped with its name; every other node publishes it once on its own bus, on the address for other nodes' events
 * ({@link #RELAYED}: {@code vg.call.events} → {@code vg.cluster.call.events}), never on the address its own services
 * act on. No echo: the relay listens only to the local addresses, where nothing from the cluster is published, and
 * drops the clustered bus's copy of the node's own publish (an event carries its origin, as {@link CallEvent#node}
 * and the {@link #ORIGIN_HEADER}).
 *
 * <p>Relayed: call events and voicemail events, what the dashboard and the bridges show. Not relayed: trunk
 * registrations (each node registers its own trunks, and meters them), playback events and the 16 kHz audio feeds
 * (media stays on the call's node; docs/scale-out.md).
 */
final class EventRelay {
  /**
   * The local addresses whose events every node sees, each with the local address another node's copies are
   * re-published on (only the dashboard and the bridges' clients listen there).
   */
  static final Map<String, String> RELAYED = Map.of(
      Addresses.CALL_EVENTS, Addresses.CLUSTER_CALL_EVENTS,
      Addresses.VOICEMAIL_EVENTS, Addresses.CLUSTER_VOICEMAIL_EVENTS);
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
   * An event published on one of this node's {@link #RELAYED} addresses: what to publish to the cluster, stamped with
   * this node's name; null for one already stamped by another node (not this node's to send: it would loop).
   */
  Object outbound(Object body) {
    if (body instanceof CallEvent event) {
      return event.fromAnotherNode() ? null : event.withNode(selfName);
    }
    return body;
  }

  /**
   * An event from the clustered bus: what to publish on this node's bus (on {@code RELAYED.get(address)}), or null
   * for this node's own (a cluster publish reaches the publisher's consumer too), one without an origin, or one for
   * an address that is not relayed.
   */
  Object inbound(String address, Object body, String origin) {
    if (origin == null || origin.equals(selfId) || !RELAYED.containsKey(address)) {
      return null;
    }
    if (body instanceof CallEvent event && !event.fromAnotherNode()) {
      return event.withNode(origin); // a sender that did not stamp it: the node id stands in for its name
    }
    return body;
  }
}
