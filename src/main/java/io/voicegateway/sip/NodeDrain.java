package io.voicegateway.sip;

import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import java.util.logging.Logger;

/**
 * Whether this node drains ({@link Addresses#NODE_DRAIN}): a draining node answers out-of-dialog OPTIONS with 503,
 * so the dispatcher in front (Kamailio's, which probes with OPTIONS) marks it inactive and sends new calls to the
 * other nodes, while the calls it has go on to their end. Read and written on the SIP context only.
 */
final class NodeDrain {
  private static final Logger LOG = Logger.getLogger(NodeDrain.class.getName());
  private boolean draining;

  boolean draining() {
    return draining;
  }

  /** Serves {@link Addresses#NODE_DRAIN} from the SIP context: true drains, false undrains, anything else asks. */
  void listen(Vertx vertx) {
    vertx.eventBus().consumer(Addresses.NODE_DRAIN, msg -> {
      if (msg.body() instanceof Boolean on && on != draining) {
        draining = on;
        LOG.warning(on ? "node draining: OPTIONS answered 503, new calls go to the other nodes"
            : "node no longer draining: OPTIONS answered 200 again");
      }
      msg.reply(draining);
    });
  }
}
