package io.voicegateway.bus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which way a call was set up, from the gateway's point of view; on the wire {@code "inbound"}/{@code "outbound"}. */
public enum CallDirection {
  /** A caller reached the gateway (a trunk, a device, a stranger). */
  INBOUND,
  /** The gateway placed the call (API originate, click-to-call). */
  OUTBOUND;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException for anything but inbound/outbound (any case) */
  @JsonCreator
  public static CallDirection fromWire(String name) {
    return WireNames.find(values(), CallDirection::wireName, name)
        .orElseThrow(() -> new IllegalArgumentException("not a call direction: '" + name + "' (inbound or outbound)"));
  }

  @Override
  public String toString() {
    return wireName();
  }
}
