package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.voicegateway.bus.Addresses;

/**
 * How the API reaches call control for one call, or for the listing of every call. On a single node, the request
 * goes straight to its address. In cluster mode ({@code cluster.enabled}) a call's request goes through
 * {@link Addresses#CLUSTER_ROUTE} to the node that owns the call, and a listing through
 * {@link Addresses#CLUSTER_GATHER} to every node, merged: the API on any node lists and acts on every call.
 */
final class CallBus {
  private final Vertx vertx;
  private final boolean clustered;

  CallBus(Vertx vertx, boolean clustered) {
    this.vertx = vertx;
    this.clustered = clustered;
  }

  /** Sends {@code body} to {@code address} on the node that owns {@code callId}. */
  <R> Future<R> toOwner(String address, String callId, Object body, DeliveryOptions options) {
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
  <R> Future<R> fromAll(String address, Object body, DeliveryOptions options) {
    if (!clustered) {
      return vertx.eventBus().<R>request(address, body, options).map(Message::body);
    }
    DeliveryOptions gathered = new DeliveryOptions(options).addHeader("address", address)
        .addHeader("timeout", String.valueOf(options.getSendTimeout())); // a silent node is left out within it
    return vertx.eventBus().<R>request(Addresses.CLUSTER_GATHER, body, gathered).map(Message::body);
  }
}
