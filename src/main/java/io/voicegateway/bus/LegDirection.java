package io.voicegateway.bus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which way a leg's media flows from the gateway's side, as negotiated by offer/answer; on the wire the SDP
 * attribute name ({@code "sendrecv"}, {@code "sendonly"}, {@code "recvonly"}, {@code "inactive"}).
 */
public enum LegDirection {
  SENDRECV,
  SENDONLY,
  RECVONLY,
  INACTIVE;

  /** The leg hears the mix. */
  public boolean sends() {
    return this == SENDRECV || this == SENDONLY;
  }

  /** The leg's audio goes into the mix. */
  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException for a name that is not one of the four */
  @JsonCreator
  public static LegDirection fromWire(String name) {
    return WireNames.find(values(), LegDirection::wireName, name)
        .orElseThrow(() -> new IllegalArgumentException("not a media direction: '" + name + "'"));
  }
}
