package io.voicegateway.config;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code voicemail:} section: voicemail boxes by name and the number their owners dial to listen.
 *
 * @param accessNumber what an owner's registered phone dials to hear its box ({@code *97}); null when no box is
 *                     configured. Only authenticated devices reach it: a trunk or a stranger dialling it is routed
 *                     like any other number.
 * @param boxes        by name, in file order
 */
public record VoicemailConfig(String accessNumber, Map<String, VoicemailBox> boxes) {
  public static final String DEFAULT_ACCESS_NUMBER = "*97";

  public VoicemailConfig {
    boxes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(boxes));
  }

  /** The section left out: no boxes, no access number. */
  public static VoicemailConfig defaults() {
    return new VoicemailConfig(null, Map.of());
  }

  public Optional<VoicemailBox> box(String name) {
    return Optional.ofNullable(name == null ? null : boxes.get(name));
  }

  /** The first box (file order) that {@code deviceId} owns: what its phone hears on the access number. */
  public Optional<VoicemailBox> ownedBy(String deviceId) {
    return boxes.values().stream().filter(b -> deviceId != null && b.owners().contains(deviceId)).findFirst();
  }
}
