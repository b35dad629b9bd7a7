package io.voicegateway.apps.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.apps.AppCatalog;
import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.FakeAppCall;
import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.config.ConfigException;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.media.MixerLeg;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The apps' side of a reload with fakes (prompts of known samples, a target that swaps at once, fake calls and
 * timers): a session started before the swap keeps its menu to the end, one started after gets the new menu, a
 * new menu exists only in the new catalog, a prompt that does not render refuses the swap with its key, and the
 * prompt library is made again only when the {@code prompts:} section changed.
 */
class AppsReloadTest {
  private static final String OLD = """
      ivr:
        main:
          greeting: old-greeting
          timeout: 2s
          max_retries: 5
          options:
            "1": {app: echo}
      """;
  private static final String NEW = """
      ivr:
        main:
          greeting: new-greeting
          timeout: 2s
          max_retries: 5
          options:
            "1": {voicemail: sales}
        support:
          greeting: support-greeting
          options:
            "1": {app: echo}
      voicemail:
        boxes:
          sales: {greeting: sales-greeting}
      """;

  /** Each prompt is 40 ms of one constant sample: the frames say which prompt plays. */
  private final List<String> names = new ArrayList<>();
  private final List<String> rendered = new ArrayList<>();
  private final Prompts prompts = prompt -> {
    if (prompt.isText() && prompt.text().startsWith("broken")) {
      throw new IOException("espeak-ng exited 1");
    }
    rendered.add(String.valueOf(prompt));
    String name = prompt.isText() ? prompt.text() : prompt.file().toString();
    if (!names.contains(name)) {
      names.add(name);
    }
    float[] samples = new float[2 * MixerLeg.FRAME];
    java.util.Arrays.fill(samples, (names.indexOf(name) + 1) / 1000f);
    return new PromptAudio(samples);
  };
  private final AtomicInteger librariesMade = new AtomicInteger();
  private final GatewayConfig old = ConfigLoader.parse(OLD, Map.of());
  private final AppsReload reload = new AppsReload(old, prompts, c -> {
    librariesMade.incrementAndGet();
    return prompts;
  });
  /** The apps verticle's catalog, swapped at once as its loop would. */
  private AppCatalog catalog = reload.catalog();
  private int swaps;

  {
    reload.target(rebuild -> {
      swaps++;
      catalog = rebuild.apply(catalog);
      return Future.succeededFuture(catalog);
    });
  }

  private AppSession attach(FakeAppCall call, String app) {
    return catalog.find(app).orElseThrow().attach(call);
  }

  /** The prompts the session plays now, pulled as the mixer would. */
  private List<String> heard(AppSession session) {
    List<String> heard = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      float[] frame = session.leg().pull();
      if (frame == null) {
        return heard;
      }
      if (frame[0] > 0 && frame[0] == frame[frame.length - 1]) {
        String name = names.get(Math.round(frame[0] * 1000) - 1);
        if (heard.isEmpty() || !heard.get(heard.size() - 1).equals(name)) {
          heard.add(name);
        }
      }
    }
    throw new AssertionError("still playing");
  }

  @Test
  void aCallMidMenuKeepsItsMenuWhileNewCallsGetTheNewOne() {
    FakeAppCall before = new FakeAppCall("before", "main");
    AppSession inProgress = attach(before, "ivr");
    assertEquals(List.of("old-greeting"), heard(inProgress));

    GatewayConfig next = ConfigLoader.parse(NEW, Map.of());
    reload.prepare(old, next).run();
    assertEquals(1, swaps);

    // the caller in the menu as the file changed: its retry still greets with the old words, its key 1 still echoes
    before.advance(2_000);
    assertEquals(List.of("old-greeting"), heard(inProgress), "the old menu's greeting on the retry");
    inProgress.onDtmf('1', 100);
    assertEquals(List.of("echo"), before.replacedBy);
    assertTrue(before.hangups.isEmpty(), "the call in progress is not dropped");

    // a new call: the new greeting, and key 1 now leads to the new voicemail box
    FakeAppCall after = new FakeAppCall("after", "main");
    AppSession fresh = attach(after, "ivr");
    assertEquals(List.of("new-greeting"), heard(fresh));
    fresh.onDtmf('1', 100);
    assertEquals(List.of("voicemail sales"), after.replacedBy);

    FakeAppCall support = new FakeAppCall("support", "support");
    assertEquals(List.of("support-greeting"), heard(attach(support, "ivr")), "the new menu answers");
  }

  @Test
  void theNewFilesPromptsAreRenderedBeforeTheSwap() {
    rendered.clear();
    Runnable swap = reload.prepare(old, ConfigLoader.parse(NEW, Map.of()));
    assertTrue(rendered.containsAll(List.of("\"new-greeting\"", "\"support-greeting\"", "\"sales-greeting\"")),
        "rendered before the swap: " + rendered);
    assertEquals(0, swaps, "nothing swapped until the configuration is published");
    swap.run();
    assertEquals(1, swaps);
  }

  @Test
  void aPromptThatDoesNotRenderRefusesTheSwapWithItsKey() {
    AppCatalog running = catalog;
    GatewayConfig broken = ConfigLoader.parse(NEW.replace("support-greeting", "broken words"), Map.of());

    ConfigException e = assertThrows(ConfigException.class, () -> reload.prepare(old, broken));
    assertEquals("ivr.support.greeting", e.keyPath());
    assertTrue(e.getMessage().contains("espeak-ng exited 1"), e.getMessage());
    assertEquals(0, swaps);
    assertSame(running, catalog, "the running catalog stays");
    assertThrows(IllegalArgumentException.class, () -> attach(new FakeAppCall("c", "support"), "ivr"),
        "the menu of the refused file does not exist");
  }

  @Test
  void aPromptBrokenSinceStartUpDoesNotBlockTheReloadButANewEngineMustRenderIt() {
    GatewayConfig broken = ConfigLoader.parse(OLD.replace("old-greeting", "broken since start-up"), Map.of());
    AppsReload started = new AppsReload(broken, prompts, c -> prompts);
    started.target(rebuild -> {
      swaps++;
      return Future.succeededFuture(rebuild.apply(catalog));
    });
    GatewayConfig plusSupport = ConfigLoader.parse(NEW.replace("new-greeting", "broken since start-up"), Map.of());

    started.prepare(broken, plusSupport).run();
    assertEquals(1, swaps, "the reload went through; the old prompt is logged as still failing");

    GatewayConfig otherVoice = ConfigLoader.parse(NEW.replace("new-greeting", "broken since start-up")
        + "prompts: {voice: en-gb}\n", Map.of());
    ConfigException e = assertThrows(ConfigException.class, () -> started.prepare(plusSupport, otherVoice));
    assertEquals("ivr.main.greeting", e.keyPath(), "another engine renders everything anew");
  }

  @Test
  void theLibraryIsMadeAgainOnlyWhenThePromptsSectionChanged() {
    reload.prepare(old, ConfigLoader.parse(NEW, Map.of())).run();
    assertEquals(0, librariesMade.get(), "same engine and voice: the running library and its cache");

    GatewayConfig otherVoice = ConfigLoader.parse(NEW + "prompts: {voice: en-gb}\n", Map.of());
    reload.prepare(ConfigLoader.parse(NEW, Map.of()), otherVoice).run();
    assertEquals(1, librariesMade.get(), "another voice: a library of its own");
  }

  @Test
  void voicemailAndConferencesKeepTheirStateAcrossTheSwap() {
    AppCatalog before = catalog;
    reload.prepare(old, ConfigLoader.parse(NEW, Map.of())).run();

    assertNotSame(before.find("ivr").orElseThrow(), catalog.find("ivr").orElseThrow(), "a new IVR app");
    var oldRooms = ((io.voicegateway.apps.conference.ConferenceApp) before.find("conference").orElseThrow())
        .conferences();
    var newRooms = ((io.voicegateway.apps.conference.ConferenceApp) catalog.find("conference").orElseThrow())
        .conferences();
    assertSame(oldRooms, newRooms, "the same rooms, members and bus API");
    assertEquals(before.names(), catalog.names());
  }

  @Test
  void withoutAnAppsVerticleThereIsNothingToSwap() {
    AppsReload none = new AppsReload(old, prompts, c -> prompts);
    rendered.clear();
    none.prepare(old, ConfigLoader.parse(NEW, Map.of())).run();
    assertEquals(List.of(), rendered);
  }
}
