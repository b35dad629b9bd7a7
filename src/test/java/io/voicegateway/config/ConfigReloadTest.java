package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What a reload applies, what it leaves for a restart, and that a bad file changes nothing. */
class ConfigReloadTest {
  private static final String BASE = """
      media:
        sip_port: 5070
        rtp_port_range: 20000-20099
      providers:
        - id: carrier
          host: 203.0.113.5
          username: "4930"
          password: secret
      devices:
        - id: alice
          password: a
          extension: "101"
        - id: bob
          password: b
          extension: "102"
      routes:
        - direction: inbound
          match: echo
          app: echo
          from: any
      """;

  private static final String ROUTE_200 = "  - direction: inbound\n    match: \"200\"\n    app: echo\n    from: any\n";

  private String file = BASE;
  private final LiveConfig live = new LiveConfig(ConfigLoader.parse(BASE, Map.of()));
  private final ConfigReload reload = new ConfigReload(live, () -> ConfigLoader.parse(file, Map.of()), c -> {});

  @Test
  void aNewRouteARemovedDeviceAndAChangedProviderAreAppliedTogether() {
    file = BASE.replace("host: 203.0.113.5", "host: 203.0.113.6")
        .replace("  - id: bob\n    password: b\n    extension: \"102\"\n", "") + ROUTE_200;
    ConfigReload.Outcome o = reload.reload();

    assertEquals(ConfigReload.Status.APPLIED, o.status(), o.toString());
    assertEquals(List.of("providers: ~carrier", "devices: -bob", "routes: 1 → 2"), o.applied());
    assertEquals(List.of(), o.needsRestart());
    GatewayConfig now = live.get();
    assertEquals(List.of("alice"), now.devices().stream().map(DeviceConfig::id).toList());
    assertEquals("203.0.113.6", now.providers().get(0).host());
    assertEquals("200", now.routes().get(1).match());
  }

  @Test
  void keysThatCannotChangeAtRunTimeAreListedAndKept() {
    file = BASE.replace("sip_port: 5070", "sip_port: 5080").replace("20000-20099", "30000-30099") + ROUTE_200;
    ConfigReload.Outcome o = reload.reload();

    assertEquals(ConfigReload.Status.APPLIED, o.status());
    assertEquals(List.of("media.sip_port", "media.rtp_port_range"), o.needsRestart());
    assertEquals(5070, live.get().media().sipPort());
    assertEquals(20000, live.get().media().rtpPortMin());
    assertEquals(2, live.get().routes().size());
  }

  @Test
  void aBadFileIsReportedWithItsKeyAndChangesNothing() {
    GatewayConfig before = live.get();
    file = BASE.replace("app: echo", "app: echo\n    ring: [nobody]");
    ConfigReload.Outcome o = reload.reload();

    assertEquals(ConfigReload.Status.INVALID, o.status());
    assertEquals(1, o.errors().size());
    assertTrue(o.errors().get(0).key().startsWith("routes[0]"), o.errors().toString());
    assertSame(before, live.get());
  }

  @Test
  void notYamlAtAllNamesTheLine() {
    GatewayConfig before = live.get();
    file = "media: [\n";
    ConfigReload.Outcome o = reload.reload();

    assertEquals(ConfigReload.Status.INVALID, o.status());
    assertTrue(o.errors().get(0).message().contains("line"), o.errors().toString());
    assertSame(before, live.get());
  }

  @Test
  void theSameFileChangesNothingEvenWithAFreshlyDrawnApiToken() {
    GatewayConfig before = live.get();
    ConfigReload.Outcome o = reload.reload();

    assertEquals(ConfigReload.Status.UNCHANGED, o.status());
    assertEquals(List.of(), o.needsRestart());
    assertSame(before, live.get());
  }

  @Test
  void onlyARestartKeyChangedIsUnchangedButListed() {
    file = BASE.replace("sip_port: 5070", "sip_port: 5080");
    ConfigReload.Outcome o = reload.reload();

    assertEquals(ConfigReload.Status.UNCHANGED, o.status());
    assertEquals(List.of("media.sip_port"), o.needsRestart());
  }

  @Test
  void whatTheMachineCannotServeIsRefusedLikeAtStartUp() {
    ConfigReload strict = new ConfigReload(live, () -> ConfigLoader.parse(file, Map.of()), c -> {
      throw new ConfigException("prompts.engine", "espeak-ng is not installed");
    });
    file = BASE.replace("match: echo", "match: echo2");
    ConfigReload.Outcome o = strict.reload();

    assertEquals(ConfigReload.Status.INVALID, o.status());
    assertEquals(new ConfigReload.ConfigError("prompts.engine", "espeak-ng is not installed"), o.errors().get(0));
  }

  @Test
  void aViewIsMadeAgainOnlyAfterAReload() {
    AtomicInteger built = new AtomicInteger();
    Supplier<Integer> routes = live.view(c -> {
      built.incrementAndGet();
      return c.routes().size();
    });
    assertEquals(1, routes.get());
    assertEquals(1, routes.get());
    assertEquals(1, built.get());

    file = BASE.replace("match: echo", "match: echo2");
    reload.reload();
    assertEquals(1, routes.get());
    assertEquals(2, built.get());
  }

  @Test
  void mergeKeepsEverySectionItIsNotToApply() {
    GatewayConfig running = live.get();
    GatewayConfig next = ConfigLoader.parse(BASE.replace("5070", "5999").replace("match: echo", "match: x"), Map.of());
    GatewayConfig merged = ConfigDiff.merge(running, next);

    assertSame(running.media(), merged.media());
    assertSame(running.http(), merged.http());
    assertSame(next.routes(), merged.routes());
    assertEquals("snake_case_key", ConfigDiff.snake("snakeCaseKey"));
  }

  private static final String IVR = "ivr:\n  main:\n    greeting: hello\n    options:\n      \"1\": {app: echo}\n";

  @Test
  void appSectionsAreAppliedThroughTheAppsStageBeforeTheRoutesArePublished() {
    live.publish(ConfigLoader.parse(BASE + IVR, Map.of()));
    List<String> order = new java.util.ArrayList<>();
    ConfigReload withApps = new ConfigReload(live, () -> ConfigLoader.parse(file, Map.of()), c -> {},
        (running, next) -> {
          order.add("prepared " + next.ivr().menus().keySet().stream().sorted().toList());
          return () -> order.add("swapped while " + live.get().ivr().menus().size() + " menu(s) in force");
        });
    file = BASE + IVR.replace("hello", "welcome")
        + "  support:\n    greeting: help\n    options:\n      \"1\": {app: echo}\n"
        + "voicemail:\n  boxes:\n    sales: {}\nconferences:\n  rooms: [{name: board}]\nprompts: {voice: en-gb}\n";
    ConfigReload.Outcome o = withApps.reload();

    assertEquals(ConfigReload.Status.APPLIED, o.status(), o.toString());
    assertEquals(List.of("prompts: ~voice", "ivr: +support ~main", "voicemail: +sales",
        "voicemail.access_number: *97", "conferences: +board"), o.applied());
    assertEquals(List.of(), o.needsRestart());
    assertEquals(List.of("prepared [main, support]", "swapped while 1 menu(s) in force"), order);
    assertEquals(2, live.get().ivr().menus().size());
    assertEquals("en-gb", live.get().prompts().voice());
  }

  @Test
  void appsThatCannotBeMadeRefuseTheWholeFile() {
    GatewayConfig before = live.get();
    ConfigReload withApps = new ConfigReload(live, () -> ConfigLoader.parse(file, Map.of()), c -> {},
        (running, next) -> {
          throw new ConfigException("ivr.main.greeting", "the prompt \"hello\" cannot be rendered");
        });
    file = BASE.replace("match: echo", "match: echo2") + IVR;
    ConfigReload.Outcome o = withApps.reload();

    assertEquals(ConfigReload.Status.INVALID, o.status());
    assertEquals(new ConfigReload.ConfigError("ivr.main.greeting", "the prompt \"hello\" cannot be rendered"),
        o.errors().get(0));
    assertSame(before, live.get(), "neither the routes nor the apps change");
  }

  @Test
  void whatStillNeedsARestartIsListed() {
    file = BASE.replace("rtp_port_range: 20000-20099", "rtp_port_range: 20000-20099\n  bind_address: 127.0.0.2")
        + "history:\n  data_dir: /tmp/elsewhere\nhttp:\n  port: 9999\n";
    ConfigReload.Outcome o = reload.reload();

    assertEquals(ConfigReload.Status.UNCHANGED, o.status(), o.toString());
    assertEquals(List.of("media.bind_address", "media.public_address", "http.port", "history.data_dir"),
        o.needsRestart()); // the public address follows the bind address when not given
  }

}
