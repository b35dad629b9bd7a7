package io.voicegateway.sip.registrar;

import io.voicegateway.config.DeviceConfig;
import io.voicegateway.config.LiveConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link DeviceDirectory} of the configuration's {@code devices:} section (validated at load). A {@link #live}
 * directory reads the section in force at each request, so a reload's removed device is refused from then on.
 */
public final class ConfiguredDevices implements DeviceDirectory {
  private final Supplier<List<Device>> devices;

  public ConfiguredDevices(List<DeviceConfig> configured) {
    List<Device> fixed = devices(configured);
    this.devices = () -> fixed;
  }

  private ConfiguredDevices(Supplier<List<Device>> devices) {
    this.devices = devices;
  }

  /** The devices {@code configured} gives at each request (the LiveConfig's section). */
  public static ConfiguredDevices live(Supplier<List<DeviceConfig>> configured) {
    return new ConfiguredDevices(LiveConfig.view(configured, ConfiguredDevices::devices));
  }

  private static List<Device> devices(List<DeviceConfig> configured) {
    return configured.stream()
        .map(d -> new Device(d.id(), d.username(), d.password(), d.extension()))
        .toList();
  }

  @Override
  public Optional<Device> byUsername(String username) {
    return devices.get().stream().filter(d -> d.username().equals(username)).findFirst();
  }

  @Override
  public Optional<Device> byIdOrExtension(String idOrExtension) {
    List<Device> all = devices.get();
    return all.stream().filter(d -> d.id().equals(idOrExtension)).findFirst()
        .or(() -> all.stream().filter(d -> idOrExtension.equals(d.extension())).findFirst());
  }

  @Override
  public boolean isEmpty() {
    return devices.get().isEmpty();
  }
}
