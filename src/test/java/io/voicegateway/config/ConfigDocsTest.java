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
            BridgeSectionReader.KEYS.stream(), LimitsSectionReader.KEYS.stream(),
            ClusterSectionReader.KEYS.stream())
        .flatMap(s -> s)
        .forEach(key -> assertTrue(docs.contains("| `" + key + "` |"), "docs/configuration.md lacks a row for " + key));
    ConfigLoader.SECTIONS.forEach(section -> assertTrue(docs.contains("`" + section + "`"), section));
  }

  @Test
  void everyIvrKeyHasARowInTheAppsDocs() throws IOException {
    String apps = Files.readString(Path.of("docs/apps.md"));
    Stream.of(IvrSectionReader.KEYS, IvrSectionReader.ACTIONS).flatMap(List::stream)
        .forEach(key -> assertTrue(apps.contains("| `" + key), "docs/apps.md lacks a row for ivr " + key));
  }

  @Test
  void theAppsDocsIvrExampleLoads() throws IOException {
    String apps = Files.readString(Path.of("docs/apps.md"));
    int start = apps.indexOf("```yaml\n", apps.indexOf("## IVR menus")) + "```yaml\n".length();
    GatewayConfig config = ConfigLoader.parse(apps.substring(start, apps.indexOf("```", start)), Map.of());
    assertEquals(List.of("main", "sales"), config.ivr().menus().keySet().stream().sorted().toList());
  }

  @Test
  void shippedConfigurationWritesOutEveryKey() throws IOException {
    String shipped = Files.readString(Path.of("conf/voice-gateway.yaml"));
    Stream.of(MediaSectionReader.KEYS, MediaSectionReader.DTMF_KEYS, MediaSectionReader.OPUS_KEYS,
            RegistrationReader.KEYS, HttpSectionReader.KEYS, HistorySectionReader.KEYS, ConfigLoader.SECTIONS,
            ProvidersReader.KEYS, DevicesReader.KEYS, RoutesReader.KEYS, BridgeSectionReader.KEYS,
            ClusterSectionReader.KEYS)
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

  /** The voicemail section is documented in docs/apps.md: a row per key, and its example loads. */
  @Test
  void voicemailKeysAndExampleInAppsMd() throws IOException {
    String apps = Files.readString(Path.of("docs/apps.md"));
    int section = apps.indexOf("## Voicemail (`voicemail:`)");
    String voicemail = apps.substring(section, apps.indexOf("\n## ", section + 1));
    Stream.concat(VoicemailSectionReader.KEYS.stream(), VoicemailSectionReader.BOX_KEYS.stream())
        .forEach(key -> assertTrue(voicemail.contains("| `" + key + "` |"), "docs/apps.md lacks a row for " + key));
    int start = voicemail.indexOf("```yaml\n") + "```yaml\n".length();
    GatewayConfig config = ConfigLoader.parse(voicemail.substring(start, voicemail.indexOf("```", start)),
        Map.of("ALICE_PASSWORD", "a", "RECEPTION_PASSWORD", "r"));
    assertEquals(List.of("alice", "office"), List.copyOf(config.voicemail().boxes().keySet()));
    assertEquals("2468", config.voicemail().box("office").orElseThrow().pin());
    String shipped = Files.readString(Path.of("conf/voice-gateway.yaml"));
    Stream.concat(VoicemailSectionReader.KEYS.stream(), VoicemailSectionReader.BOX_KEYS.stream())
        .forEach(key -> assertTrue(shipped.contains(key + ":"), "conf/voice-gateway.yaml lacks voicemail " + key));
  }

  /** The {@code prompts:} keys: rows in docs/apps.md, written out in the shipped file, the example loads. */
  @Test
  void promptsKeysAreDocumentedInAppsDocs() throws IOException {
    String apps = Files.readString(Path.of("docs/apps.md"));
    String shipped = Files.readString(Path.of("conf/voice-gateway.yaml"));
    Stream.concat(PromptsSectionReader.KEYS.stream(), PromptsSectionReader.HTTP_KEYS.stream().map(k -> "http." + k))
        .forEach(key -> {
          assertTrue(apps.contains("| `" + key + "` |"), "docs/apps.md lacks a row for prompts." + key);
          String last = key.substring(key.lastIndexOf('.') + 1);
          assertTrue(shipped.contains(last + ":"), "conf/voice-gateway.yaml lacks prompts " + key);
        });
    int start = apps.indexOf("```yaml\n", apps.indexOf("### The `prompts:` section")) + "```yaml\n".length();
    PromptsConfig prompts = ConfigLoader.parse(apps.substring(start, apps.indexOf("```", start)), Map.of()).prompts();
    assertEquals("http://127.0.0.1:8880", prompts.http().url());
  }

  @Test
  void conferenceKeysHaveRowsInAppsDocs() throws IOException {
    String apps = Files.readString(Path.of("docs/apps.md"));
    Stream.concat(ConferencesSectionReader.KEYS.stream(), ConferencesSectionReader.ROOM_KEYS.stream())
        .forEach(key -> assertTrue(apps.contains("| `" + key + "` |"), "docs/apps.md lacks a row for " + key));
  }
  /**
   * The shipped file's commented device, routes, IVR menus, voicemail box and conference rooms load once
   * uncommented (with the sections' own key lines, so that uncommenting is all an operator does).
   */
  @Test
  void theShippedCommentedAppExamplesLoadUncommented() throws IOException {
    String shipped = Files.readString(Path.of("conf/voice-gateway.yaml"));
    StringBuilder yaml = new StringBuilder();
    for (String section : List.of("devices:", "ivr:", "voicemail:", "conferences:")) {
      List<String> lines = shipped.substring(shipped.indexOf("\n" + section) + 1).lines().toList();
      yaml.append(section).append('\n');
      lines.stream().skip(1).takeWhile(l -> l.startsWith("#  ")).forEach(l -> yaml.append(l.substring(1)).append('\n'));
    }
    yaml.append("routes:\n");
    shipped.lines().filter(l -> l.startsWith("#  - {direction: inbound")).forEach(l -> yaml.append(l.substring(1)).append('\n'));
    GatewayConfig config = ConfigLoader.parse(yaml.toString(), Map.of("ALICE_PASSWORD", "a"));
    assertEquals(List.of("main", "sales"), config.ivr().menus().keySet().stream().sorted().toList());
    assertEquals(List.of("lobby", "board"), config.conferences().rooms().stream().map(ConferencesConfig.Room::name).toList());
    assertEquals("4711", config.conferences().rooms().get(1).pin());
    assertEquals(List.of("box1"), List.copyOf(config.voicemail().boxes().keySet()));
    assertEquals(2, config.routes().size());
  }
}
