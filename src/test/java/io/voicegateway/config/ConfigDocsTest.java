package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md true to the code: every key documented, the example valid. */
class ConfigDocsTest {
  private final String docs = Files.readString(Path.of("docs/configuration.md"));

  ConfigDocsTest() throws IOException {}

  @Test
  void everyKeyHasARow() {
    Stream.of(MediaSectionReader.KEYS.stream().filter(k -> !List.of("dtmf", "opus").contains(k)),
            MediaSectionReader.DTMF_KEYS.stream().map(k -> "dtmf." + k),
            MediaSectionReader.OPUS_KEYS.stream().map(k -> "opus." + k),
            RegistrationReader.KEYS.stream(), HttpSectionReader.KEYS.stream(), HistorySectionReader.KEYS.stream(),
            ProvidersReader.KEYS.stream(), DevicesReader.KEYS.stream(), RoutesReader.KEYS.stream(),
            BridgeSectionReader.KEYS.stream())
        .flatMap(s -> s)
        .forEach(key -> assertTrue(docs.contains("| `" + key + "` |"), "docs/configuration.md lacks a row for " + key));
    ConfigLoader.SECTIONS.forEach(section -> assertTrue(docs.contains("`" + section + "`"), section));
  }

  @Test
  void shippedConfigurationWritesOutEveryKey() throws IOException {
    String shipped = Files.readString(Path.of("conf/voice-gateway.yaml"));
    Stream.of(MediaSectionReader.KEYS, MediaSectionReader.DTMF_KEYS, MediaSectionReader.OPUS_KEYS,
            RegistrationReader.KEYS, HttpSectionReader.KEYS, HistorySectionReader.KEYS, ConfigLoader.SECTIONS,
            ProvidersReader.KEYS, DevicesReader.KEYS, RoutesReader.KEYS, BridgeSectionReader.KEYS)
        .flatMap(List::stream)
        .forEach(key -> assertTrue(shipped.contains(key + ":"), "conf/voice-gateway.yaml lacks " + key));
  }

  @Test
  void recordingKeysHaveARowInTheAppsGuide() throws IOException {
    String apps = Files.readString(Path.of("docs/apps.md"));
    String section = apps.substring(apps.indexOf("## Recording"));
    RecordingSectionReader.KEYS.forEach(key -> assertTrue(section.contains("| `" + key + "` |"),
        "docs/apps.md (Recording) lacks a row for " + key));
  }

  @Test
  void exampleLoads() {
    int start = docs.indexOf("```yaml\n", docs.indexOf("## Example")) + "```yaml\n".length();
    String example = docs.substring(start, docs.indexOf("```", start));
    GatewayConfig config = ConfigLoader.parse(example, Map.of("TRUNK_PASSWORD", "pw", "VG_API_TOKEN", "tok"));
    assertEquals(List.of("opus", "g722", "g711-ulaw"), config.media().codecs());
    assertEquals("203.0.113.10", config.media().publicAddress());
    assertEquals("4420123456", config.media().registrations().get(0).username());
    assertEquals("tok", config.http().apiToken());
    assertEquals(List.of("carrier1", "registration-1"), config.providers().stream().map(ProviderConfig::id).toList());
    assertEquals("101", config.devices().get(0).extension());
    assertEquals(3, config.routes().size());
  }
}
