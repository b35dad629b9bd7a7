package io.voicegateway.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which node owns which call: a distributed map, call id to the owner's node id. The owner adds its calls when they
 * start and removes them when they end; when a member dies every survivor removes its entries (removal is
 * idempotent, so it does not matter which one gets there first), once Hazelcast's failure detector declared it dead
 * ({@code cluster.failure_timeout}).
 */
final class CallDirectory implements MembershipListener {
  static final String MAP = "vg.cluster.calls";
  /** Where vertx-hazelcast keeps a member's Vert.x node id (HazelcastClusterManager.NODE_ID_ATTRIBUTE). */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";
  private static final long SECOND_SWEEP_MS = 2_000;
  private static final Logger LOG = Logger.getLogger(CallDirectory.class.getName());

  private final Vertx vertx;
  private final IMap<String, String> owners;
  private final String self;

  CallDirectory(Vertx vertx, ClusterNode node) {
    this.vertx = vertx;
    this.owners = node.hazelcast().getMap(MAP);
    this.self = node.nodeId();
    node.hazelcast().getCluster().addMembershipListener(this);
  }

  Future<Void> claim(String callId) {
    return Future.fromCompletionStage(owners.setAsync(callId, self), vertx.getOrCreateContext());
  }

  Future<Void> release(String callId) {
    return Future.fromCompletionStage(owners.removeAsync(callId), vertx.getOrCreateContext()).mapEmpty();
  }

  /** The owner's node id, or null when the cluster does not know the call. */
  Future<String> ownerOf(String callId) {
    return Future.fromCompletionStage(owners.getAsync(callId), vertx.getOrCreateContext());
  }

  /** How many calls the directory lists (for {@code GET /api/v1/node}). */
  Future<Integer> size() {
    return vertx.executeBlocking(owners::size);
  }

  @Override
  public void memberAdded(MembershipEvent event) {
    LOG.info("cluster: node " + event.getMember().getUuid() + " (" + event.getMember().getAddress() + ") joined");
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    // the node id is Vert.x's (a member attribute), not the Hazelcast member UUID
    String dead = event.getMember().getAttribute(VERTX_NODE_ID);
    if (dead == null) {
      LOG.warning("cluster: member " + event.getMember().getUuid() + " left without a Vert.x node id");
      return;
    }
    LOG.warning("cluster: node " + dead + " (" + event.getMember().getAddress() + ") left or died: its calls are gone");
    forget(dead);
    // a dead member's partitions move to the survivors right after this event: entries not yet in place for the
    // first sweep are caught by a second one
    vertx.setTimer(SECOND_SWEEP_MS, id -> forget(dead));
  }

  /** Drops every call {@code node} owned; runs off the event loop (a cluster-wide query). */
  Future<Void> forget(String node) {
    return vertx.<Void>executeBlocking(() -> {
      for (String callId : owners.keySet(Predicates.equal("this", node))) {
        owners.delete(callId);
      }
      return null;
    }).onFailure(err -> LOG.log(Level.WARNING, "cluster: could not drop the calls of node " + node, err));
  }

  /** On a clean stop: this node's calls leave the directory now (they end with the node). */
  Future<Void> close() {
    return forget(self);
  }
}
