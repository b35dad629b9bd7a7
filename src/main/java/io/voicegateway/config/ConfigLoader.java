package io.voicegateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads {@code voice-gateway.yaml}: YAML → tree (Jackson) → {@code ${VAR}} substitution → typed records,
 * walked by hand so every error names its key path, the bad value and what is allowed.
 */
public final class ConfigLoader {
  /** The top-level sections, each read into its typed record. */
  static final List<String> SECTIONS = List.of("media", "http", "providers", "devices", "routes", "ivr",
      "voicemail", "recording", "streaming", "bridge", "history", "prompts", "conferences",
      "limits", "logging", "cluster");

  /**
   * Without a {@code routes:} section the echo test answers anyone: the one route of the shipped file.
   * An explicit empty list ({@code routes: []}) routes nothing.
   */
  static final List<RouteConfig> DEFAULT_ROUTES = List.of(new RouteConfig(RouteConfig.Direction.INBOUND, "echo",
      List.of(), "echo", null, null, null, null, 0, "", null, null, RouteConfig.From.ANY));

  private ConfigLoader() {}

  /**
   * @param env the environment for {@code ${VAR}} (usually {@link System#getenv()})
   * @throws ConfigException when the file is missing, unreadable, not YAML, or invalid; a problem with
   *     the file itself carries the file name as key path
   */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), "configuration file not found (resolved to "
          + file.toAbsolutePath() + ")");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot read the configuration file: " + e);
    }
    return build(readTree(yaml, file.toString()), env);
  }

  /** Like {@link #load} for YAML text; a syntax error carries the key path {@code ""}. */
  public static GatewayConfig parse(String yaml, Map<String, String> env) {
    return build(readTree(yaml, ""), env);
  }

  /** Every default, as an empty file gives (with a freshly generated API token). */
  public static GatewayConfig defaults() {
    return parse("", Map.of());
  }

  private static JsonNode readTree(String yaml, String source) {
    try {
      JsonNode root = YamlTreeReader.read(yaml);
      return root.isNull() ? JsonNodeFactory.instance.objectNode() : root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(source, "not valid YAML" + where + ": " + problem(e));
    } catch (IOException e) {
      throw new ConfigException(source, "cannot read the YAML: " + e);
    }
  }

  /** SnakeYAML's own message quotes the source with a caret over several lines; keep its one-line gist. */
  private static String problem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
      return yaml.getContext() == null ? yaml.getProblem() : yaml.getContext() + ": " + yaml.getProblem();
    }
    return e.getOriginalMessage();
  }

  private static GatewayConfig build(JsonNode tree, Map<String, String> env) {
    JsonNode resolved = new EnvSubstitution(env).applyTree(tree, "");
    ConfigValue rootValue = new ConfigValue(resolved, "");
    if (!resolved.isObject()) {
      throw rootValue.error("the configuration must be a mapping of sections (" + String.join(", ", SECTIONS)
          + "), got " + rootValue.shown());
    }
    ConfigMap root = rootValue.asMap(SECTIONS);
    MediaConfig media = MediaSectionReader.read(root.map("media", MediaSectionReader.KEYS));
    HttpConfig http = HttpSectionReader.read(root.map("http", HttpSectionReader.KEYS));
    List<ProviderConfig> providers = ProvidersReader.read(root.get("providers"), media);
    List<DeviceConfig> devices = DevicesReader.read(root.get("devices"));
    ConfigValue routesValue = root.get("routes");
    List<RouteConfig> routes = routesValue.isUnset() ? DEFAULT_ROUTES
        : RoutesReader.read(routesValue, devices, providers);
    VoicemailConfig voicemail = VoicemailSectionReader.read(root.get("voicemail"), devices);
    VoicemailSectionReader.checkRoutes(routesValue, routes, voicemail, root.get("voicemail"));
    StreamingConfig streaming = StreamingSectionReader.read(root.get("streaming"));
    StreamingSectionReader.checkRoutes(routesValue, routes, streaming);
    return new GatewayConfig(media, http, providers, devices, routes, streaming,
        BridgeSectionReader.read(root.map("bridge", BridgeSectionReader.KEYS)),
        HistorySectionReader.read(root.map("history", HistorySectionReader.KEYS)),
        PromptsSectionReader.read(root.get("prompts")),
        ivr(root, routesValue, routes, devices, providers, voicemail),
        voicemail,
        RecordingSectionReader.read(root.get("recording")),
        ConferencesSectionReader.read(root.get("conferences")),
        LimitsSectionReader.read(root.map("limits", LimitsSectionReader.KEYS)),
        LoggingSectionReader.read(root.map("logging", LoggingSectionReader.KEYS)),
        ClusterSectionReader.read(root.map("cluster", ClusterSectionReader.KEYS)));
  }

  /**
   * The IVR menus, with the routes' {@code ivr:} targets checked against them. A menu's {@code voicemail:} action
   * must name a box once the voicemail section exists (as a route's must); without one, boxes are not checked.
   */
  private static IvrConfig ivr(ConfigMap root, ConfigValue routesValue, List<RouteConfig> routes,
      List<DeviceConfig> devices, List<ProviderConfig> providers, VoicemailConfig voicemail) {
    IvrConfig ivr = IvrSectionReader.read(root.get("ivr"), devices, providers,
        root.get("voicemail").isUnset() ? null : voicemail.boxes().keySet());
    IvrSectionReader.checkRoutes(routesValue, routes, ivr);
    return ivr;
  }
}
