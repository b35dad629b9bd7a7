package io.voicegateway.sip.sdp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code o=} identity of one leg's SDP: the session id stays fixed for the dialog and the version goes
 * up by one in each SDP we send (RFC 3264 §8). Immutable: a leg keeps the current value and calls
 * {@link #next()} before each offer or answer.
 */
public record SdpOrigin(long sessionId, long version) {

  /** A fresh origin for a new leg, with a random positive session id. */
  public static SdpOrigin create() {
    long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    return new SdpOrigin(id, id);
  }

  public SdpOrigin next() {
    return new SdpOrigin(sessionId, version + 1);
  }
}
