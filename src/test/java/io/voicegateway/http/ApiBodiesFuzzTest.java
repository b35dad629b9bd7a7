package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Fuzz target for a REST request body as the API handlers read it: {@link ApiBodies#object} then the string fields
 * they require ({@link ApiBodies#text}). The contract: a JSON object or an {@link ApiException} with 400 (the only
 * answer to a bad body: anything else would be a 500), and a field read as text is non-blank and trimmed.
 */
class ApiBodiesFuzzTest {

  @FuzzTest
  void body(byte[] bytes) {
    JsonObject body;
    try {
      body = ApiBodies.object(Buffer.buffer(bytes));
    } catch (ApiException e) {
      assertEquals(400, e.status());
      return;
    }
    for (String field : new String[] {"from", "to", "target", "name", "token", "digits"}) {
      try {
        String text = ApiBodies.text(body, field);
        assertFalse(text.isBlank());
        assertEquals(text.trim(), text);
      } catch (ApiException e) {
        assertEquals(400, e.status());
      }
    }
  }
}
