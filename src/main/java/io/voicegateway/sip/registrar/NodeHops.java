package io.voicegateway.sip.registrar;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The passes that let one node of a cluster ring, through another node, a device whose TCP, TLS or WebSocket
 * connection that other node holds (issue 15). The calling node sends its INVITE to the holding node with a pass in
 * the Request-URI ({@value #PARAM}); the holding node rings the binding the pass names over its connection, as a
 * call of its own. A pass is {@code node.contactKey.expiry.nonce.mac}: the minting node, which of the device's
 * contacts, until when (epoch seconds), a random nonce, and an HMAC-SHA256 over these and the device under the
 * cluster's secret, which only members of the cluster hold (it lives in the cluster's shared memory, never on the
 * wire). A pass is good once and for {@link #LIFETIME_S} seconds, so one seen on the wire cannot be used again.
 * Thread-safe (minted and checked on the SIP context; synchronized all the same).
 */
public final class NodeHops {
  /** The Request-URI parameter that carries the pass. */
  public static final String PARAM = "vg-hop";
  /** How long a pass is good: the INVITE leaves at once; the rest is for clocks a little apart (NTP keeps them close). */
  static final long LIFETIME_S = 30;
  /** Used passes remembered at most (a member mints them, so only a runaway member comes near it). */
  static final int MAX_REMEMBERED = 100_000;
  private static final int MAC_BYTES = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** What a pass was checked to be: the binding it names, or why it was refused. */
  public record Verdict(String fromNode, String contactKey, String refusal) {
    public boolean accepted() {
      return refusal == null;
    }

    static Verdict refused(String why) {
      return new Verdict(null, null, why);
    }
  }

  /** A single node: no pass is ever good. */
  public static final NodeHops NONE = new NodeHops(null, "", System::currentTimeMillis, null);

  private final SecretKeySpec key;
  private final String self;
  private final LongSupplier clock;
  private final SecureRandom random;
  /** nonce → expiry (epoch s) of the passes accepted, oldest first. */
  private final Map<String, Long> used = new LinkedHashMap<>();

  /**
   * @param secret the cluster's shared secret (null: refuse every pass)
   * @param self   this node's id, named in the passes it mints
   * @param clock  epoch milliseconds
   */
  public NodeHops(byte[] secret, String self, LongSupplier clock, SecureRandom random) {
    this.key = secret == null ? null : new SecretKeySpec(secret, "HmacSHA256");
    this.self = self;
    this.clock = clock;
    this.random = random;
  }

  /** The Request-URI that rings {@code held} (another node's stream binding) through its node: a fresh pass on it. */
  public synchronized String requestUri(Binding held) {
    if (key == null) {
      return held.reachUri();
    }
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    String contactKey = contactKey(held.contact());
    long expiry = clock.getAsLong() / 1000 + LIFETIME_S;
    String n = B64.encodeToString(nonce);
    return held.reachUri() + ";" + PARAM + "=" + self + "." + contactKey + "." + expiry + "." + n + "."
        + mac(held.deviceId(), self, contactKey, expiry, n);
  }

  /** Checks a pass that came with an INVITE for {@code deviceId}; an accepted pass is spent. */
  public synchronized Verdict check(String deviceId, String pass) {
    if (key == null) {
      return Verdict.refused("not in a cluster");
    }
    String[] p = pass == null ? new String[0] : pass.split("\\.", -1);
    if (p.length != 5 || deviceId == null) {
      return Verdict.refused("malformed pass");
    }
    long expiry;
    try {
      expiry = Long.parseLong(p[2]);
    } catch (NumberFormatException e) {
      return Verdict.refused("malformed pass");
    }
    byte[] expected = mac(deviceId, p[0], p[1], expiry, p[3]).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, p[4].getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.refused("bad pass");
    }
    long now = clock.getAsLong() / 1000;
    forgetSpent(now);
    if (expiry < now || expiry > now + 2 * LIFETIME_S) {
      return Verdict.refused("pass out of date");
    }
    if (used.containsKey(p[3])) {
      return Verdict.refused("pass already used");
    }
    if (used.size() >= MAX_REMEMBERED) {
      return Verdict.refused("too many passes in flight");
    }
    used.put(p[3], expiry);
    return new Verdict(p[0], p[1], null);
  }

  /**
   * This node's SIP URI for the other nodes' INVITEs through it: its public address and SIP port, over UDP when it
   * listens on UDP (the INVITE leaves from the calling node's own UDP socket), else TCP; null when it listens on
   * neither (TLS or WebSocket only: its stream bindings cannot be rung from the other nodes).
   */
  public static String sipUri(io.voicegateway.config.MediaConfig media) {
    String host = media.publicAddress().indexOf(':') >= 0 && !media.publicAddress().startsWith("[")
        ? "[" + media.publicAddress() + "]" : media.publicAddress();
    if (media.sipTransports().contains("udp")) {
      return "sip:" + host + ":" + media.sipPort();
    }
    return media.sipTransports().contains("tcp") ? "sip:" + host + ":" + media.sipPort() + ";transport=tcp" : null;
  }

  /** Which of a device's contacts a pass names: a short digest, so the pass stays a plain URI parameter. */
  public static String contactKey(String contact) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(contact.getBytes(StandardCharsets.UTF_8));
      return B64.encodeToString(java.util.Arrays.copyOf(digest, 12));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Passes past their expiry can no longer be replayed anyway: dropped, oldest first. */
  private void forgetSpent(long now) {
    for (Iterator<Long> it = used.values().iterator(); it.hasNext(); ) {
      if (it.next() >= now) {
        break;
      }
      it.remove();
    }
  }

  private String mac(String deviceId, String node, String contactKey, long expiry, String nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] out = mac.doFinal((deviceId + "\n" + node + "\n" + contactKey + "\n" + expiry + "\n" + nonce)
          .getBytes(StandardCharsets.UTF_8));
      return B64.encodeToString(java.util.Arrays.copyOf(out, MAC_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
