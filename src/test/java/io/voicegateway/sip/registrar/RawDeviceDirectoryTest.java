package io.voicegateway.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class RawDeviceDirectoryTest {

  @Test
  void findsByUsernameIdOrExtensionAndSkipsIncompleteEntries() throws Exception {
    DeviceDirectory d = RawDeviceDirectory.of(new ObjectMapper().readTree("""
        [{"id": "desk1", "username": "alice", "password": "p", "extension": "101"},
         {"id": "nopass", "username": "carol"},
         {"username": "bob", "password": "q", "extension": 102}]"""));
    assertEquals("desk1", d.byUsername("alice").orElseThrow().id());
    assertEquals("alice", d.byIdOrExtension("desk1").orElseThrow().username());
    assertEquals("alice", d.byIdOrExtension("101").orElseThrow().username());
    assertEquals("bob", d.byIdOrExtension("102").orElseThrow().id(), "id defaults to username; numeric extension");
    assertTrue(d.byUsername("carol").isEmpty(), "no password: cannot authenticate, so not a device");
  }

  @Test
  void theDefaultEmptySectionMeansNoRegistrar() {
    assertTrue(RawDeviceDirectory.of(JsonNodeFactory.instance.objectNode()).isEmpty());
  }
}
