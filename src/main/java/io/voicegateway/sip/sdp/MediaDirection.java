package io.voicegateway.sip.sdp;

import java.util.Locale;
import java.util.Optional;

/** An RFC 3264 stream direction attribute, always read from the point of view of whoever wrote the SDP. */
public enum MediaDirection {
  SENDRECV,
  SENDONLY,
  RECVONLY,
  INACTIVE;

  /** The attribute name as written in SDP ({@code a=sendrecv}). */
  public String sdpName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The direction we answer to this one (RFC 3264 §6.1): sendonly gets recvonly and vice versa. */
  public MediaDirection reverse() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      default -> this;
    };
  }

  public boolean sends() {
    return this == SENDRECV || this == SENDONLY;
  }

  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  /** Builds a direction from its two halves. */
  public static MediaDirection of(boolean sends, boolean receives) {
    if (sends) {
      return receives ? SENDRECV : SENDONLY;
    }
    return receives ? RECVONLY : INACTIVE;
  }

  /** Matches an attribute name such as {@code sendonly}, case-insensitively. */
  public static Optional<MediaDirection> fromSdpName(String name) {
    for (MediaDirection d : values()) {
      if (d.sdpName().equalsIgnoreCase(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
