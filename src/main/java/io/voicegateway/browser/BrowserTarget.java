package io.voicegateway.browser;

import io.voicegateway.control.Destination;

/**
 * A logged-in dashboard phone as a place to ring: the page's socket ({@code owner}) that registered as
 * {@code device}. A route that rings the device rings it next to the device's SIP bindings.
 */
public record BrowserTarget(String owner, String device) implements Destination {
  @Override
  public String label() {
    return device;
  }
}
