package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code voicemail:} section: values, defaults, and every mistake named by its key path. */
class VoicemailConfigTest {
  private static final String DEVICES = """
      devices:
        - {id: alice, password: a, extension: "101"}
        - {id: bob, password: b, extension: "102"}
      """;

  @Test
  void readsEveryKey() {
    VoicemailConfig vm = ConfigLoader.parse(DEVICES + """
        voicemail:
          access_number: "*98"
          boxes:
            sales:
              greeting: prompts/sales.wav
              owners: [alice, bob]
              max_length: 60s
              pin: "0042"
              silence_timeout: 3s
            alice:
              owners: alice
        """, Map.of()).voicemail();
    assertEquals("*98", vm.accessNumber());
    assertEquals(List.of("sales", "alice"), List.copyOf(vm.boxes().keySet()));
    VoicemailBox sales = vm.box("sales").orElseThrow();
    assertEquals(Prompt.file(Path.of("prompts/sales.wav")), sales.greeting());
    assertEquals(List.of("alice", "bob"), sales.owners());
    assertEquals(Duration.ofSeconds(60), sales.maxLength());
    assertEquals("0042", sales.pin());
    assertEquals(Duration.ofSeconds(3), sales.silenceTimeout());
    assertEquals("sales", vm.ownedBy("alice").orElseThrow().name(), "the first box in file order");
  }

  @Test
  void defaultsForABoxAndTheAccessNumber() {
    VoicemailConfig vm = ConfigLoader.parse(DEVICES + "voicemail: {boxes: {b1: {}}}\n", Map.of()).voicemail();
    VoicemailBox box = vm.box("b1").orElseThrow();
    assertEquals(VoicemailConfig.DEFAULT_ACCESS_NUMBER, vm.accessNumber());
    assertEquals(VoicemailBox.DEFAULT_GREETING, box.greeting());
    assertEquals(List.of(), box.owners());
    assertEquals(Duration.ofSeconds(120), box.maxLength());
    assertNull(box.pin());
    assertEquals(Duration.ofSeconds(5), box.silenceTimeout());
  }

  @Test
  void noSectionNoBoxesNoAccessNumber() {
    VoicemailConfig vm = ConfigLoader.parse(DEVICES, Map.of()).voicemail();
    assertEquals(VoicemailConfig.defaults(), vm);
    assertNull(vm.accessNumber());
  }

  @Test
  void routesToAnUnknownBoxAreAllowedOnlyWithoutTheSection() {
    String route = "routes: [{direction: inbound, match: '1', ring: [alice], on_no_answer: {voicemail: box1}}]\n";
    ConfigLoader.parse(DEVICES + route, Map.of());
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(DEVICES + route + "voicemail: {boxes: {boxl: {}}}\n", Map.of()));
    assertEquals("routes[0].on_no_answer.voicemail", e.keyPath());
    assertTrue(e.getMessage().contains("did you mean 'boxl'"), e.getMessage());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("unknown section key", "voicemail: {acess_number: '*97'}", "voicemail.acess_number",
            "did you mean 'access_number'"),
        Arguments.of("unknown box key", "voicemail: {boxes: {b: {max_lenght: 10s}}}", "voicemail.boxes.b.max_lenght",
            "did you mean 'max_length'"),
        Arguments.of("bad box name", "voicemail: {boxes: {'a b': {}}}", "voicemail.boxes.a b", "not a valid box name"),
        Arguments.of("unknown owner", "voicemail: {boxes: {b: {owners: [alcie]}}}", "voicemail.boxes.b.owners[0]",
            "did you mean 'alice'"),
        Arguments.of("owner twice", "voicemail: {boxes: {b: {owners: [alice, alice]}}}",
            "voicemail.boxes.b.owners[1]", "already used"),
        Arguments.of("pin with letters", "voicemail: {boxes: {b: {pin: '12a4'}}}", "voicemail.boxes.b.pin", "digits"),
        Arguments.of("max length not a duration", "voicemail: {boxes: {b: {max_length: long}}}",
            "voicemail.boxes.b.max_length", "not a duration"),
        Arguments.of("max length too short", "voicemail: {boxes: {b: {max_length: 1s}}}",
            "voicemail.boxes.b.max_length", "at least 2s"),
        Arguments.of("silence too short", "voicemail: {boxes: {b: {silence_timeout: 100ms}}}",
            "voicemail.boxes.b.silence_timeout", "at least 500ms"),
        Arguments.of("empty greeting", "voicemail: {boxes: {b: {greeting: {text: hi, file: a.wav}}}}",
            "voicemail.boxes.b.greeting", "exactly one"),
        Arguments.of("access number not dialable", "voicemail: {access_number: vm, boxes: {b: {}}}",
            "voicemail.access_number", "not dialable"),
        Arguments.of("access number is an extension", "voicemail: {access_number: '101', boxes: {b: {}}}",
            "voicemail.access_number", "alice"),
        Arguments.of("boxes as a list", "voicemail: {boxes: [b]}", "voicemail.boxes", "a mapping"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void namesTheKeyPath(String name, String yaml, String keyPath, String says) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(DEVICES + yaml, Map.of()));
    assertEquals(keyPath, e.keyPath(), e.getMessage());
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }
}
