package io.voicegateway.sip.registrar;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A {@link DeviceDirectory} over the raw {@code devices:} tree of the configuration (a list of
 * {@code {id, username, password, extension}}), until the typed device config lands. Entries without a
 * username or password are skipped with a warning rather than failing the gateway.
 */
public final class RawDeviceDirectory implements DeviceDirectory {
  private static final Logger LOG = Logger.getLogger(RawDeviceDirectory.class.getName());

  private final List<Device> devices;

  private RawDeviceDirectory(List<Device> devices) {
    this.devices = List.copyOf(devices);
  }

  /** @param devicesNode the {@code devices:} section; an empty mapping or missing list means no devices */
  public static RawDeviceDirectory of(JsonNode devicesNode) {
    List<Device> out = new ArrayList<>();
    if (devicesNode != null && devicesNode.isArray()) {
      for (JsonNode entry : devicesNode) {
        String username = text(entry, "username");
        String password = text(entry, "password");
        if (username == null || password == null) {
          LOG.warning(() -> "device without username or password ignored: " + entry.path("id").asText("?"));
          continue;
        }
        String id = text(entry, "id");
        out.add(new Device(id == null ? username : id, username, password, text(entry, "extension")));
      }
    }
    return new RawDeviceDirectory(out);
  }

  private static String text(JsonNode entry, String field) {
    JsonNode v = entry.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  @Override
  public Optional<Device> byUsername(String username) {
    return devices.stream().filter(d -> d.username().equals(username)).findFirst();
  }

  @Override
  public Optional<Device> byIdOrExtension(String idOrExtension) {
    return devices.stream().filter(d -> d.id().equals(idOrExtension)).findFirst()
        .or(() -> devices.stream().filter(d -> idOrExtension.equals(d.extension())).findFirst());
  }

  @Override
  public boolean isEmpty() {
    return devices.isEmpty();
  }
}
