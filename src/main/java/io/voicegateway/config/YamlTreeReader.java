package io.voicegateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Locale;

/**
 * Builds the tree from Jackson's YAML token stream, keeping scalars as written. Jackson follows YAML 1.1
 * and would turn {@code pin: 0012} into the octal number 10 and {@code yes}/{@code on} into {@code true}:
 * a number or boolean node is kept only when its text reads back the same, anything else stays the text
 * the user wrote. Duplicate keys are rejected with their key path.
 */
final class YamlTreeReader {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlTreeReader() {}

  /** The first document of {@code yaml}; an empty document gives an empty mapping. */
  static JsonNode read(String yaml) throws IOException {
    try (JsonParser parser = YAML.createParser(yaml)) {
      JsonToken first = parser.nextToken();
      return first == null ? NODES.objectNode() : value(parser, "");
    }
  }

  private static JsonNode value(JsonParser parser, String path) throws IOException {
    JsonToken token = parser.currentToken();
    String text = parser.getText();
    switch (token) {
      case START_OBJECT:
        return object(parser, path);
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser, KeyPath.index(path, array.size())));
        }
        return array;
      case VALUE_NULL:
        return NODES.nullNode();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return text.toLowerCase(Locale.ROOT).equals(String.valueOf(token == JsonToken.VALUE_TRUE))
            ? NODES.booleanNode(token == JsonToken.VALUE_TRUE) : NODES.textNode(text);
      case VALUE_NUMBER_INT:
        return parser.getBigIntegerValue().toString().equals(text) ? integer(parser) : NODES.textNode(text);
      case VALUE_NUMBER_FLOAT:
        return String.valueOf(parser.getDoubleValue()).equals(text)
            ? NODES.numberNode(parser.getDoubleValue()) : NODES.textNode(text);
      default:
        return NODES.textNode(text);
    }
  }

  /** The smallest node that holds it, so raw sections answer {@code isInt()} as Jackson's own tree would. */
  private static JsonNode integer(JsonParser parser) throws IOException {
    return switch (parser.getNumberType()) {
      case INT -> NODES.numberNode(parser.getIntValue());
      case LONG -> NODES.numberNode(parser.getLongValue());
      default -> NODES.numberNode(parser.getBigIntegerValue());
    };
  }

  private static ObjectNode object(JsonParser parser, String path) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String keyPath = KeyPath.child(path, key);
      if (object.has(key)) {
        throw new ConfigException(keyPath, "key '" + key + "' appears twice in the same mapping; keep one");
      }
      parser.nextToken();
      object.set(key, value(parser, keyPath));
    }
    return object;
  }
}
