package io.voicegateway.sip.stack;

import java.util.UUID;

/** Fresh From/To tags (RFC 3261 §19.3: at least 32 bits of randomness; we use 64). */
public final class Tags {
  private Tags() {}

  public static String newTag() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }
}
