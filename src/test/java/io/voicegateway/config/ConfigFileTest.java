package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void loadsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("gw.yaml"), "media:\n  sip_port: 5090\n");
    assertEquals(5090, ConfigLoader.load(file, Map.of()).media().sipPort());
  }

  @Test
  void missingFileNamesTheFile() {
    Path file = dir.resolve("absent.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
    assertEquals(file.toString(), e.keyPath());
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }

  @Test
  void fileThatIsNotYamlNamesTheFileAndLine() throws IOException {
    Path file = Files.writeString(dir.resolve("broken.yaml"), "media:\n  sip_port: 5060\n   codecs: [\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
    assertEquals(file.toString(), e.keyPath());
    assertTrue(e.getMessage().contains("not valid YAML at line"), e.getMessage());
  }

  @Test
  void directoryIsNotAReadableFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, Map.of()));
    assertEquals(dir.toString(), e.keyPath());
  }
}
