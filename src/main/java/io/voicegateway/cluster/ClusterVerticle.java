package io.voicegateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.CallQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster's side of this node, deployed on the gateway's own (local) Vert.x in cluster mode only: it keeps this
 * node's calls in the {@link CallDirectory}, opens the node's {@link NodeInbox}, and serves the edges' cluster-wide
 * requests: {@link Addresses#CLUSTER_ROUTE} (to the call's owner) and {@link Addresses#CLUSTER_GATHER} (from every
 * node, merged), and {@link Addresses#CLUSTER_OWNER} (which node owns a call). It relays the call and voicemail events
 * between the nodes ({@link ClusterEvents}).
 */
public final class ClusterVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ClusterVerticle.class.getName());
  /** A node that does not answer a listing within this is left out of it (it is dead or about to be declared so). */
  private static final long GATHER_TIMEOUT_MS = 5_000;
  /**
   * The share of the asker's own wait a node gets: the merged answer must reach the asker before its request times
   * out, else one dead node (not yet declared so) fails the whole listing (ClusterIT saw 504s from a 2 s API wait).
   */
  private static final long GATHER_SHARE_PERCENT = 75;

  private final ClusterNode node;
  private CallDirectory directory;
  private NodeInbox inbox;
  private ClusterEvents events;

  public ClusterVerticle(ClusterNode node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    directory = new CallDirectory(vertx, node);
    inbox = new NodeInbox(node, vertx);
    events = new ClusterEvents(node, vertx);
    events.open();
    vertx.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, msg -> track(msg.body()));
    vertx.eventBus().consumer(Addresses.CLUSTER_ROUTE, this::route);
    vertx.eventBus().<String>consumer(Addresses.CLUSTER_OWNER, this::owner);
    vertx.eventBus().consumer(Addresses.CLUSTER_GATHER, this::gather);
    vertx.eventBus().consumer(Addresses.NODE_STATUS, this::status);
    LOG.info("cluster: node " + node.name() + " (" + node.nodeId() + ") joined; members " + node.nodes());
    return Future.succeededFuture();
  }

  private void track(CallEvent event) {
    if (event.type() == CallEventType.CALL_STARTED) {
      directory.claim(event.callId()).onFailure(err -> LOG.log(Level.WARNING, "cluster: cannot list call "
          + event.callId() + " in the directory", err));
    } else if (event.type() == CallEventType.CALL_TERMINATED) {
      directory.release(event.callId()).onFailure(err -> LOG.log(Level.WARNING, "cluster: cannot drop call "
          + event.callId() + " from the directory", err));
    }
  }

  private void route(Message<Object> msg) {
    String address = msg.headers().get(NodeInbox.ADDRESS_HEADER);
    String callId = msg.headers().get("callId");
    long timeout = NodeInbox.timeout(msg);
    Future<String> owner = callId == null ? Future.succeededFuture(null) : directory.ownerOf(callId);
    owner.compose(id -> ask(id, address, msg.body(), timeout)).onComplete(ar -> answer(msg, ar));
  }

  /** Asks {@code address} on node {@code id}: this node's own bus when the call is ours (or unknown to the cluster). */
  private Future<Object> ask(String id, String address, Object body, long timeout) {
    if (id == null || id.equals(node.nodeId())) {
      return vertx.eventBus().request(address, body, new DeliveryOptions().setSendTimeout(timeout)).map(Message::body);
    }
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout)
        .addHeader(NodeInbox.ADDRESS_HEADER, address).addHeader(NodeInbox.TIMEOUT_HEADER, String.valueOf(timeout));
    return node.vertx().eventBus().request(Addresses.node(id), body, options).map(Message::body);
  }

  /**
   * Which node owns the call: {@code {callId, node, name, local}} (the owner's Vert.x node id and its name, asked of
   * the owner itself); 404 when the cluster does not know the call.
   */
  private void owner(Message<String> msg) {
    String callId = msg.body();
    long timeout = NodeInbox.timeout(msg);
    directory.ownerOf(callId).onComplete(ar -> {
      if (ar.failed()) {
        msg.fail(503, "the call directory did not answer: " + ar.cause().getMessage());
      } else if (ar.result() == null) {
        msg.fail(404, "no call " + callId + " in the cluster");
      } else {
        String id = ar.result();
        ask(id, Addresses.NODE_STATUS, "", timeout)
            .map(status -> ((JsonObject) status).getString("name", id))
            .otherwise(id)
            .onSuccess(name -> msg.reply(new JsonObject().put("callId", callId).put("node", id).put("name", name)
                .put("local", id.equals(node.nodeId()))));
      }
    });
  }

  private void gather(Message<Object> msg) {
    String address = msg.headers().get(NodeInbox.ADDRESS_HEADER);
    String askerWait = msg.headers().get(NodeInbox.TIMEOUT_HEADER);
    long wait = askerWait == null ? GATHER_TIMEOUT_MS
        : Math.max(1, Math.min(GATHER_TIMEOUT_MS, NodeInbox.timeout(msg) * GATHER_SHARE_PERCENT / 100));
    List<Future<Object>> answers = new ArrayList<>();
    for (String id : node.nodes()) {
      answers.add(ask(id, address, msg.body(), wait).recover(err -> {
        LOG.fine("cluster: node " + id + " left out of " + address + ": " + err.getMessage());
        return Future.succeededFuture(null);
      }));
    }
    Future.join(answers).onComplete(ar -> msg.reply(Merge.of(answers.stream().map(Future::result).toList())));
  }

  private void status(Message<Object> msg) {
    directory.size().onComplete(size -> msg.reply(new JsonObject()
        .put("nodeId", node.nodeId())
        .put("name", node.name())
        .put("nodes", new JsonArray(node.nodes()))
        .put("calls", size.succeeded() ? size.result() : null)));
  }

  private static void answer(Message<Object> msg, io.vertx.core.AsyncResult<Object> ar) {
    if (ar.succeeded()) {
      msg.reply(ar.result());
    } else if (ar.cause() instanceof io.vertx.core.eventbus.ReplyException re && re.failureCode() > 0) {
      msg.fail(re.failureCode(), re.getMessage());
    } else {
      msg.fail(503, "the call's node did not answer: " + ar.cause().getMessage());
    }
  }

  @Override
  public Future<?> stop() {
    events.close();
    inbox.close();
    return directory.close();
  }

  /** Merges the nodes' answers to one listing: their calls, or their JSON arrays, concatenated. */
  static final class Merge {
    private Merge() {}

    static Object of(List<Object> answers) {
      List<CallQueries.ActiveCall> calls = new ArrayList<>();
      JsonArray array = null;
      for (Object answer : answers) {
        if (answer instanceof CallQueries.ActiveCalls some) {
          calls.addAll(some.calls());
        } else if (answer instanceof JsonArray rows) {
          array = array == null ? new JsonArray() : array;
          array.addAll(rows);
        }
      }
      return array != null ? array : new CallQueries.ActiveCalls(calls);
    }
  }
}
