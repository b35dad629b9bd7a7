package io.voicegateway.webrtc.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * An RFC 3264 direction attribute, read from the point of view of whoever wrote the SDP. The SIP side has its own
 * ({@code sip.sdp.MediaDirection}); webrtc/ depends on no SIP, so this small enum stands on its own.
 */
public enum Direction {
  SENDRECV,
  SENDONLY,
  RECVONLY,
  INACTIVE;

  /** The attribute as written ({@code sendrecv}). */
  public String sdpName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the answerer writes for this offered direction (RFC 3264 §6.1): the send and receive halves swap. */
  public Direction mirrored() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      default -> this;
    };
  }

  static Optional<Direction> fromAttribute(String name) {
    for (Direction d : values()) {
      if (d.sdpName().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
