package io.voicegateway.sip.registrar;

import java.util.Optional;

/**
 * Who may register. The registrar depends only on this; {@link ConfiguredDevices} serves it from the
 * configuration's {@code devices:} section.
 */
public interface DeviceDirectory {

  /** The device whose digest username this is. */
  Optional<Device> byUsername(String username);

  /** The device with this id or, failing that, this extension. */
  Optional<Device> byIdOrExtension(String idOrExtension);

  /** True when no device is configured: then the gateway is no registrar at all (REGISTER gets 405). */
  boolean isEmpty();
}
