package io.voicegateway.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppCatalogTest {
  private static App named(String name) {
    return new App() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public AppSession attach(AppCall call) {
        return () -> null;
      }
    };
  }

  @Test
  void findsAppsByNameAndListsThemSorted() {
    App ivr = named("ivr");
    AppCatalog catalog = AppCatalog.of(named("voicemail"), ivr, named("echo"));
    assertEquals(List.of("echo", "ivr", "voicemail"), catalog.names());
    assertEquals(ivr, catalog.find("ivr").orElseThrow());
    assertTrue(catalog.find("conference").isEmpty());
    assertTrue(catalog.find(null).isEmpty());
  }

  @Test
  void theBuiltInCatalogHasTheEchoTestAndItPlaysWhatItHeard() {
    AppCatalog catalog = AppCatalog.builtIn();
    assertEquals(List.of("echo"), catalog.names());
    var leg = catalog.find("echo").orElseThrow().attach(null).leg();
    assertNotNull(leg);
    float[] heard = new float[960];
    heard[7] = 0.5f;
    leg.push(heard);
    assertEquals(0.5f, leg.pull()[7]);
  }

  @Test
  void twoAppsWithOneNameAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> AppCatalog.of(named("echo"), named("echo")));
    assertEquals("two apps are called 'echo'", e.getMessage());
  }

  @Test
  void aNameRoutesCouldNotSpellIsRefused() {
    for (String bad : new String[] {"Echo", "two words", "", "9lives"}) {
      assertThrows(IllegalArgumentException.class, () -> AppCatalog.of(named(bad)), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> AppCatalog.of(named(null)));
  }
}
