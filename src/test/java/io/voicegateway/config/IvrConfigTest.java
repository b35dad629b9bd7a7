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

/** The {@code ivr:} section: every key and action read, every reference checked with its key path. */
class IvrConfigTest {
  private static final String BASE = """
      providers: [{id: carrier1, host: 203.0.113.5}]
      devices: [{id: alice, password: a, extension: 101}, {id: bob, password: b}]
      """;

  @Test
  void readsTwoLevelsWithEveryKeyAndAction() {
    IvrConfig ivr = ConfigLoader.parse(BASE + """
        ivr:
          main:
            greeting: "Welcome. Press 1 for sales, 2 for support, 9 to enter an extension."
            timeout: 4s
            max_retries: 2
            invalid: {file: prompts/invalid.wav}
            timeout_prompt: "Please make a choice."
            unavailable: "Nobody answered."
            default: {menu: support}
            max_digits: 4
            terminator: "*"
            inter_digit_timeout: 2s
            ring_timeout: 20s
            options:
              "1": {menu: sales}
              "2": {ring: [alice, bob]}
              "3": {call: {number: "+4930123456", provider: carrier1}}
              "4": {voicemail: box1}
              "5": {app: echo}
              "6": {stream: asr}
              "7": repeat
              "8": hangup
              "9": extension
              "0": dial
              "#": back
          sales:
            greeting: sales.wav
            options: {"1": {ring: bob}, "*": back}
          support:
            greeting: Support
        routes:
          - {direction: inbound, match: '100', ivr: main, from: trunk}
        """, Map.of()).ivr();
    IvrMenu main = ivr.menu("main").orElseThrow();
    assertEquals(Prompt.text("Welcome. Press 1 for sales, 2 for support, 9 to enter an extension."), main.greeting());
    assertEquals(Duration.ofSeconds(4), main.timeout());
    assertEquals(2, main.maxRetries());
    assertEquals(Prompt.file(Path.of("prompts/invalid.wav")), main.invalid());
    assertEquals(Prompt.text("Please make a choice."), main.timeoutPrompt());
    assertEquals(Prompt.text("Nobody answered."), main.unavailable());
    assertEquals(new IvrAction.Menu("support"), main.defaultAction());
    assertEquals(4, main.maxDigits());
    assertEquals('*', main.terminator());
    assertEquals(Duration.ofSeconds(2), main.interDigitTimeout());
    assertEquals(Duration.ofSeconds(20), main.ringTimeout());
    Map<Character, IvrAction> o = main.options();
    assertEquals(new IvrAction.Menu("sales"), o.get('1'));
    assertEquals(new IvrAction.Ring(List.of("alice", "bob")), o.get('2'));
    assertEquals(new IvrAction.Call("+4930123456", "carrier1"), o.get('3'));
    assertEquals(new IvrAction.Voicemail("box1"), o.get('4'));
    assertEquals(new IvrAction.App("echo", null), o.get('5'));
    assertEquals(new IvrAction.Stream("asr"), o.get('6'));
    assertEquals(new IvrAction.Repeat(), o.get('7'));
    assertEquals(new IvrAction.Hangup(), o.get('8'));
    assertEquals(new IvrAction.Extension(), o.get('9'));
    assertEquals(new IvrAction.Dial(), o.get('0'));
    assertEquals(new IvrAction.Back(), o.get('#'));
    IvrMenu sales = ivr.menu("sales").orElseThrow();
    assertEquals(Prompt.file(Path.of("sales.wav")), sales.greeting());
    assertEquals(new IvrAction.Ring(List.of("bob")), sales.options().get('1'));
  }

  @Test
  void defaults() {
    IvrMenu m = ConfigLoader.parse("ivr: {main: {greeting: Hi}}", Map.of()).ivr().menu("main").orElseThrow();
    assertEquals(Duration.ofSeconds(5), m.timeout());
    assertEquals(3, m.maxRetries());
    assertEquals(IvrSectionReader.DEFAULT_INVALID, m.invalid());
    assertNull(m.timeoutPrompt());
    assertEquals(new IvrAction.Hangup(), m.defaultAction());
    assertEquals('#', m.terminator());
    assertEquals(10, m.maxDigits());
    assertEquals(Duration.ofSeconds(3), m.interDigitTimeout());
    assertEquals(Map.of(), m.options());
    assertEquals(IvrConfig.defaults(), ConfigLoader.parse("", Map.of()).ivr());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("unknown menu key", "ivr: {main: {greeting: Hi, timout: 3s}}", "ivr.main.timout",
            "did you mean 'timeout'"),
        Arguments.of("no greeting", "ivr: {main: {timeout: 3s}}", "ivr.main.greeting", "required"),
        Arguments.of("not a phone key", "ivr: {main: {greeting: Hi, options: {'12': hangup}}}",
            "ivr.main.options.12", "0-9, * or #"),
        Arguments.of("unknown word action", "ivr: {main: {greeting: Hi, options: {'1': hangpu}}}",
            "ivr.main.options.1", "allowed: repeat, back, hangup, extension, dial"),
        Arguments.of("two actions", "ivr: {main: {greeting: Hi, options: {'1': {menu: main, app: echo}}}}",
            "ivr.main.options.1", "several actions (menu, app)"),
        Arguments.of("unknown menu", "ivr: {main: {greeting: Hi, options: {'1': {menu: sale}}}, sales: {greeting: S}}",
            "ivr.main.options.1.menu", "did you mean 'sales'"),
        Arguments.of("unknown device", "ivr: {main: {greeting: Hi, options: {'1': {ring: [alice, bbo]}}}}",
            "ivr.main.options.1.ring[1]", "did you mean 'bob'"),
        Arguments.of("unknown provider", "ivr: {main: {greeting: Hi, options: {'1': {call: {number: '123', provider: carier1}}}}}",
            "ivr.main.options.1.call.provider", "did you mean 'carrier1'"),
        Arguments.of("no provider", "ivr: {main: {greeting: Hi, options: {'1': {call: {number: '123'}}}}}",
            "ivr.main.options.1.call.provider", "required"),
        Arguments.of("number not dialable", "ivr: {main: {greeting: Hi, options: {'1': {call: {number: 'abc', provider: carrier1}}}}}",
            "ivr.main.options.1.call.number", "not dialable"),
        Arguments.of("unknown app", "ivr: {main: {greeting: Hi, options: {'1': {app: ehco}}}}",
            "ivr.main.options.1.app", "did you mean 'echo'"),
        Arguments.of("unknown default menu", "ivr: {main: {greeting: Hi, default: {menu: nope}}}",
            "ivr.main.default.menu", "unknown IVR menu 'nope'"),
        Arguments.of("bad terminator", "ivr: {main: {greeting: Hi, terminator: '5'}}", "ivr.main.terminator",
            "allowed: #, *"),
        Arguments.of("terminator also an option", "ivr: {main: {greeting: Hi, options: {'#': back, '9': extension}}}",
            "ivr.main.options", "terminator"),
        Arguments.of("max digits out of range", "ivr: {main: {greeting: Hi, max_digits: 0}}", "ivr.main.max_digits",
            "1..32"),
        Arguments.of("zero timeout", "ivr: {main: {greeting: Hi, timeout: 0s}}", "ivr.main.timeout", "longer than zero"),
        Arguments.of("route to an unknown menu", "ivr: {main: {greeting: Hi}}\nroutes: [{direction: inbound, match: '1', ivr: mian}]",
            "routes[0].ivr", "did you mean 'main'"),
        Arguments.of("fallback to an unknown menu", "ivr: {main: {greeting: Hi}}\nroutes: [{direction: inbound,"
            + " match: '1', ring: alice, on_no_answer: {ivr: nope}}]", "routes[0].on_no_answer.ivr", "known: main"),
        Arguments.of("route to a menu with no ivr section", "routes: [{direction: inbound, match: '1', ivr: main}]",
            "routes[0].ivr", "none is configured"),
        Arguments.of("menus not a mapping", "ivr: [main]", "ivr", "a mapping"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void namesTheKeyPath(String name, String yaml, String keyPath, String says) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(BASE + yaml, Map.of()));
    assertEquals(keyPath, e.keyPath(), e.getMessage());
    assertTrue(e.getMessage().contains(says), "says " + says + ": " + e.getMessage());
  }
}
