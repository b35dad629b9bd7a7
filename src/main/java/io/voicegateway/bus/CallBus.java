package io.voicegateway.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * How an edge (the REST API, the bridges' commands) reaches call control for one call, or for the listing of every
 * call. On a single node, the request goes straight to its address. In cluster mode ({@code cluster.enabled}) a
 * call's request goes through {@link Addresses#CLUSTER_ROUTE} to the node that owns the call, and a listing through
 * {@link Addresses#CLUSTER_GATHER} to every node, merged: an edge on any node lists and acts on every call. The
 * cluster package serves both; this class only names them, so the edges never see the cluster.
 */
public final class CallBus {
  private final Vertx vertx;
  private final boolean clustered;

  public CallBus(Vertx vertx, boolean clustered) {
    this.vertx = vertx;
    this.clustered = clustered;
  }

  /** Sends {@code body} to {@code address} on the node that owns {@code callId}. */
  public <R> Future<R> toOwner(String address, String callId, Object body, DeliveryOptions options) {
    if (!clustered) {
      return vertx.eventBus().<R>request(address, body, options).map(Message::body);
    }
    DeliveryOptions routed = new DeliveryOptions(options).addHeader("address", address)
        .addHeader("timeout", String.valueOf(options.getSendTimeout()));
    if (callId != null) {
      routed.addHeader("callId", callId);
    }
    return vertx.eventBus().<R>request(Addresses.CLUSTER_ROUTE, body, routed).map(Message::body);
  }

  /** Asks {@code address} of every node (only this one when not clustered); the answers merged. */
  public <R> Future<R> fromAll(String address, Object body, DeliveryOptions options) {
    if (!clustered) {
      return vertx.eventBus().<R>request(address, body, options).map(Message::body);
    }
    DeliveryOptions gathered = new DeliveryOptions(options).addHeader("address", address)
        .addHeader("timeout", String.valueOf(options.getSendTimeout())); // a silent node is left out within it
    return vertx.eventBus().<R>request(Addresses.CLUSTER_GATHER, body, gathered).map(Message::body);
  }

  /**
   * Which node holds {@code callId}: {@code {callId, local}} on a single node (always local); in cluster mode as the
   * call directory says, {@code {callId, node, name, local}} (fails 404 for a call the cluster does not know). For
   * what cannot cross nodes, such as a call's audio feed.
   */
  public Future<JsonObject> owner(String callId, DeliveryOptions options) {
    if (!clustered) {
      return Future.succeededFuture(new JsonObject().put("callId", callId).put("local", true));
    }
    DeliveryOptions asked = new DeliveryOptions(options).addHeader("timeout", String.valueOf(options.getSendTimeout()));
    return vertx.eventBus().<JsonObject>request(Addresses.CLUSTER_OWNER, callId, asked).map(Message::body);
  }
}
