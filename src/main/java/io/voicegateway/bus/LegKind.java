package io.voicegateway.bus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What sits at the far side of a leg, as the contract names it (active calls, the history); on the wire
 * {@code "sip"}, {@code "app"}, {@code "webrtc"}, {@code "stream"}. Call control's {@code control.LegKind} maps onto
 * it one to one.
 */
public enum LegKind {
  SIP,
  APP,
  WEBRTC,
  STREAM;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException for a name that is not one of the four (any case) */
  @JsonCreator
  public static LegKind fromWire(String name) {
    return WireNames.find(values(), LegKind::wireName, name)
        .orElseThrow(() -> new IllegalArgumentException("not a leg kind: '" + name + "' (sip, app, webrtc or stream)"));
  }
}
