package io.voicegateway.browser;

import io.voicegateway.bus.WebRtcCommands.PhoneEvent;

/** Where a page's phone is told what happens to it (today {@code Addresses.phone(owner)} on the bus). */
@FunctionalInterface
public interface PhoneEvents {
  void send(String owner, PhoneEvent event);
}
