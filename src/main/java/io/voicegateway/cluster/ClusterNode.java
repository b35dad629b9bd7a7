package io.voicegateway.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.config.ClusterConfig;
import java.util.List;

/**
 * This node's membership of the cluster: a second, clustered Vert.x instance that carries only inter-node control
 * messages (per-node addresses, see {@link NodeInbox}), beside the gateway's own Vert.x, which stays local. Local,
 * because the gateway's internal addresses (media legs, mixers, SIP) have a consumer on every node: on one clustered
 * bus a {@code send} to them would be spread round-robin over the nodes, and a leg opened on the wrong node.
 */
public final class ClusterNode {
  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final ClusterConfig config;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager, ClusterConfig config) {
    this.vertx = vertx;
    this.manager = manager;
    this.config = config;
  }

  /** Joins the cluster the configuration names; fails when Hazelcast cannot bind its port. */
  public static Future<ClusterNode> join(ClusterConfig config) {
    HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSettings.of(config));
    EventBusOptions bus = new EventBusOptions().setHost(config.busHost()).setPort(config.busPort())
        .setClusterPublicHost(config.busHost());
    return Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(bus))
        .withClusterManager(manager)
        .buildClustered()
        .map(vertx -> {
          BusCodecs.registerAll(vertx);
          return new ClusterNode(vertx, manager, config);
        });
  }

  /** This node's id in the cluster (Vert.x's node id, new at every start). */
  public String nodeId() {
    return manager.getNodeId();
  }

  /** The configured name, or the node id when none. */
  public String name() {
    return config.nodeName().isEmpty() ? nodeId() : config.nodeName();
  }

  /** The ids of every member, this one included. */
  public List<String> nodes() {
    return manager.getNodes();
  }

  Vertx vertx() {
    return vertx;
  }

  HazelcastInstance hazelcast() {
    return manager.getHazelcastInstance();
  }

  /** Leaves the cluster: the others drop this node's calls from the directory at once (no timeout to wait for). */
  public Future<Void> leave() {
    return vertx.close();
  }
}
