package io.voicegateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in every string scalar of the tree, before any value
 * is typed, so {@code sip_port: ${SIP_PORT:-5060}} works. As in the shell, the default is used when the
 * variable is unset or empty. Keys are never substituted, and a substituted value is not scanned again.
 */
final class EnvSubstitution {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> env;

  EnvSubstitution(Map<String, String> env) {
    this.env = env;
  }

  /** A copy of {@code node} with every string scalar substituted; {@code path} is the node's key path. */
  JsonNode applyTree(JsonNode node, String path) {
    if (node.isTextual()) {
      return TextNode.valueOf(apply(node.textValue(), path));
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), applyTree(field.getValue(), KeyPath.child(path, field.getKey())));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        copy.add(applyTree(node.get(i), KeyPath.index(path, i)));
      }
      return copy;
    }
    return node;
  }

  /** {@code text} with every reference replaced; a missing variable without default names {@code path}. */
  String apply(String text, String path) {
    int start = text.indexOf("${");
    if (start < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (start >= 0) {
      int end = text.indexOf('}', start);
      if (end < 0) {
        throw new ConfigException(path, "unclosed '${' in '" + text + "'; write ${NAME} or ${NAME:-default}");
      }
      out.append(text, from, start).append(resolve(text.substring(start + 2, end), text, path));
      from = end + 1;
      start = text.indexOf("${", from);
    }
    return out.append(text, from, text.length()).toString();
  }

  private String resolve(String reference, String text, String path) {
    int separator = reference.indexOf(":-");
    String name = separator < 0 ? reference : reference.substring(0, separator);
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(path, "'${" + reference + "}' in '" + text + "' is not a variable reference;"
          + " write ${NAME} or ${NAME:-default} with NAME made of letters, digits and _");
    }
    String value = env.get(name);
    if (value != null && !value.isEmpty()) {
      return value;
    }
    if (separator >= 0) {
      return reference.substring(separator + 2);
    }
    if (value != null) {
      return value;
    }
    throw new ConfigException(path, "environment variable " + name + " is not set and '${" + reference
        + "}' has no default; set it or write ${" + name + ":-default}");
  }
}
