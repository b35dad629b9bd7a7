package io.voicegateway.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.DeviceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfiguredDevicesTest {

  @Test
  void findsByUsernameIdOrExtension() {
    DeviceDirectory d = new ConfiguredDevices(List.of(
        new DeviceConfig("desk1", "alice", "p", "101"),
        new DeviceConfig("bob", "bob", "q", null)));
    assertEquals("desk1", d.byUsername("alice").orElseThrow().id());
    assertEquals("alice", d.byIdOrExtension("desk1").orElseThrow().username());
    assertEquals("alice", d.byIdOrExtension("101").orElseThrow().username());
    assertEquals("bob", d.byIdOrExtension("bob").orElseThrow().username());
    assertTrue(d.byUsername("carol").isEmpty());
  }

  @Test
  void noDevicesMeansNoRegistrar() {
    assertTrue(new ConfiguredDevices(List.of()).isEmpty());
  }
}
