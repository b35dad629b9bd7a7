package io.voicegateway.sip.registrar;

import java.util.List;
import java.util.Set;

/**
 * The bindings every node of a cluster can see (issue 15): this node publishes the bindings its registrar makes and
 * withdraws the ones that go; a lookup adds the bindings other nodes took. {@link PublishedBindings} over the
 * cluster's shared map (handed in by the composition root: {@code sip} does not see the cluster); {@link #NONE} on a
 * single node. Expiry needs no
 * call: a published binding carries its expiry and lapses by itself everywhere.
 *
 * <p>Another node's TCP, TLS or WebSocket binding is rung through that node ({@link Binding#heldElsewhere()}): the
 * INVITE goes to its SIP address with a single-use pass ({@link #throughHolder}), which that node checks
 * ({@link #admit}) before it rings the binding over the connection it holds.
 */
public interface SharedBindings {
  /** This node's registrar made or refreshed {@code binding}. Must not block (the SIP context calls it). */
  void publish(Binding binding);

  /** This node's {@code binding} went before its expiry (un-REGISTER, its connection closed, the device removed). */
  void withdraw(Binding binding);

  /** The bindings of {@code deviceId} that other nodes took and that have not lapsed at {@code nowMs}. */
  List<Binding> elsewhere(String deviceId, long nowMs);

  /** The Request-URI that rings {@code held} (a binding {@link Binding#heldElsewhere()}) through its node. */
  default String throughHolder(Binding held) {
    return held.reachUri();
  }

  /** Checks the pass of an INVITE another node sent to ring a binding of {@code deviceId} held here. */
  default NodeHops.Verdict admit(String deviceId, String pass) {
    return NodeHops.Verdict.refused("not in a cluster");
  }

  /**
   * The hosts of the other nodes' SIP addresses: the SIP guards trust them like trunks (their INVITEs through this
   * node are the cluster's own calls, not a stranger's to cap).
   */
  default Set<String> nodeHosts() {
    return Set.of();
  }

  /** A single node: nothing is shared. */
  SharedBindings NONE = new SharedBindings() {
    @Override
    public void publish(Binding binding) {}

    @Override
    public void withdraw(Binding binding) {}

    @Override
    public List<Binding> elsewhere(String deviceId, long nowMs) {
      return List.of();
    }
  };
}
