package io.voicegateway.sip.registrar;

import io.voicegateway.config.DeviceConfig;
import java.util.List;
import java.util.Optional;

/** The {@link DeviceDirectory} of the configuration's {@code devices:} section (validated at load). */
public final class ConfiguredDevices implements DeviceDirectory {
  private final List<Device> devices;

  public ConfiguredDevices(List<DeviceConfig> configured) {
    this.devices = configured.stream()
        .map(d -> new Device(d.id(), d.username(), d.password(), d.extension()))
        .toList();
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
