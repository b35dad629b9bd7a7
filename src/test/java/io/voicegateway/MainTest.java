package io.voicegateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voicegateway.config.ConfigException;
import io.voicegateway.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which configuration the launcher takes (MainIT runs it as a process). */
class MainTest {

  @Test
  void confNamesTheFileMissingOrNot() {
    assertEquals(Optional.of(Path.of("/nowhere/gw.yaml")), Main.confPath(new String[] {"--conf", "/nowhere/gw.yaml"}));
    assertEquals(Optional.of(Path.of("x.yaml")), Main.confPath(new String[] {"--conf=x.yaml"}));
  }

  @Test
  void withoutConfTheShippedFileInTheWorkingDirectoryIsTaken() {
    // tests run in the project directory, which has conf/voice-gateway.yaml
    assertEquals(Optional.of(Main.DEFAULT_CONF), Main.confPath(new String[0]));
  }

  @Test
  void withoutAnyFileTheDefaultsAreTheEmptyFilesConfiguration() {
    var defaults = Main.load(Optional.empty(), Map.of());
    var empty = ConfigLoader.parse("", Map.of());
    assertEquals(empty.media(), defaults.media());
    assertEquals(empty.routes(), defaults.routes());
    assertEquals(empty.bridge(), defaults.bridge());
  }

  @Test
  void aNamedFileThatIsMissingIsAConfigurationError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Main.load(Optional.of(Path.of("/nowhere/gw.yaml")), Map.of()));
    assertEquals(true, e.getMessage().contains("configuration file not found"), e.getMessage());
  }

  @Test
  void startCheckIsAFlagBesideTheConfiguration() {
    String[] args = {"--conf", "x.yaml", "--start-check"};
    assertEquals(Optional.of(Path.of("x.yaml")), Main.confPath(args));
    assertEquals(true, Main.startCheck(args));
    assertEquals(false, Main.startCheck(new String[] {"--conf", "x.yaml"}));
  }

  @Test
  void anUnknownArgumentIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Main.confPath(new String[] {"--config", "x"}));
  }
}
