package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scalars stay as written: no YAML 1.1 octal numbers or yes/on booleans sneaking into secrets and PINs. */
class YamlTreeReaderTest {

  @Test
  void canonicalScalarsAreTyped() throws IOException {
    JsonNode tree = YamlTreeReader.read("a: 5060\nb: 0.5\nc: true\nd: False\ne: ~\nf: 12345678901\ng: -3");
    assertTrue(tree.get("a").isInt());
    assertEquals(5060, tree.get("a").intValue());
    assertEquals(0.5, tree.get("b").doubleValue());
    assertTrue(tree.get("c").booleanValue());
    assertTrue(tree.get("d").isBoolean());
    assertTrue(tree.get("e").isNull());
    assertTrue(tree.get("f").isLong());
    assertEquals(-3, tree.get("g").intValue());
  }

  @Test
  void otherSpellingsStayText() throws IOException {
    JsonNode tree = YamlTreeReader.read("pin: 0012\nhex: 0x1F\nsep: 1_000\nyes: yes\non: on\nf: 1.50\ne: 1e3");
    assertEquals("0012", tree.get("pin").textValue());
    assertEquals("0x1F", tree.get("hex").textValue());
    assertEquals("1_000", tree.get("sep").textValue());
    assertEquals("yes", tree.get("yes").textValue());
    assertEquals("on", tree.get("on").textValue());
    assertEquals("1.50", tree.get("f").textValue());
    assertEquals("1e3", tree.get("e").textValue());
  }

  @Test
  void leadingZeroPasswordIsKeptAndLeadingZeroPortIsDecimal() {
    MediaConfig m = ConfigLoader.parse(
        "media: {sip_port: 05070, registrations: [{uri: 'sip:1001@pbx', username: 1001, password: 0012}]}",
        Map.of()).media();
    assertEquals(5070, m.sipPort());
    assertEquals("1001", m.registrations().get(0).username());
    assertEquals("0012", m.registrations().get(0).password());
  }

  @Test
  void emptyDocumentIsAnEmptyMapping() throws IOException {
    assertTrue(YamlTreeReader.read("").isEmpty());
    assertTrue(YamlTreeReader.read("# only a comment\n").isEmpty());
  }
}
