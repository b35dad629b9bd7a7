package io.voicegateway.browser;

import io.vertx.core.eventbus.EventBus;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.WebRtcCommands.PhoneEvent;

/** {@link PhoneEvents} to the page's socket at {@code Addresses.phone(owner)}; a socket gone meanwhile misses it. */
final class BusPhoneEvents implements PhoneEvents {
  private final EventBus bus;

  BusPhoneEvents(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public void send(String owner, PhoneEvent event) {
    bus.send(Addresses.phone(owner), event);
  }
}
