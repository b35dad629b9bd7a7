package io.voicegateway.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code media.dtmf.method}: where DTMF digits are looked for. */
public enum DtmfMethod {
  /** RTP telephone-events (RFC 4733). */
  RFC4733("rfc4733"),
  /** Tones in the audio, found by a Goertzel detector. */
  INBAND("inband"),
  /** Both; events win once a phone sends them, so a digit is not reported twice. */
  BOTH("both");

  /**
   * RFC 4733 obsoleted RFC 2833 with the same payload format, and configurations (the original one
   * among them) still say rfc2833: it reads as {@link #RFC4733}.
   */
  static final String RFC2833_ALIAS = "rfc2833";

  private final String configName;

  DtmfMethod(String configName) {
    this.configName = configName;
  }

  /** The name written in the configuration. */
  public String configName() {
    return configName;
  }

  /** The names a configuration may use, aliases last. */
  static List<String> names() {
    List<String> names = new ArrayList<>(Arrays.stream(values()).map(DtmfMethod::configName).toList());
    names.add(RFC2833_ALIAS);
    return List.copyOf(names);
  }

  static Optional<DtmfMethod> byConfigName(String name) {
    if (RFC2833_ALIAS.equals(name)) {
      return Optional.of(RFC4733);
    }
    return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
  }
}
