package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.testing.Tools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/: the Prometheus rules pass {@code promtool check rules}, and every {@code vg_*} series the rules and the
 * Grafana dashboard read is one a running gateway's {@code /metrics} really exports (names drift; alerts on a
 * name nobody exports never fire).
 */
class DeployFilesIT {
  private static final Path RULES = Path.of("deploy", "prometheus", "voice-gateway-rules.yml");
  private static final Path DASHBOARD = Path.of("deploy", "grafana", "voice-gateway.json");
  private static final Pattern SERIES = Pattern.compile("\\bvg_[a-z_]+");

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    Path promtool = Tools.require("promtool");
    Process p = new ProcessBuilder(promtool.toString(), "check", "rules", RULES.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("SUCCESS"), out);
  }

  @Test
  void everySeriesTheRulesAndTheDashboardReadIsExported() throws Exception {
    new JsonObject(Files.readString(DASHBOARD)); // valid JSON, or this throws
    Set<String> used = new TreeSet<>();
    used.addAll(series(Files.readString(RULES)));
    used.addAll(series(Files.readString(DASHBOARD)));
    assertFalse(used.isEmpty());
    try (GatewayFixture gw = GatewayFixture.start("")) {
      String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + gw.gateway().httpPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Set<String> exported = body.lines().filter(l -> l.startsWith("vg_"))
          .map(l -> l.split("[ {]", 2)[0]).collect(Collectors.toSet());
      Set<String> missing = new TreeSet<>(used);
      missing.removeAll(exported);
      assertEquals(Set.of(), missing, "read by deploy/ but not exported; exported: " + new TreeSet<>(exported));
    }
  }

  private static Set<String> series(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = SERIES.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }
}
