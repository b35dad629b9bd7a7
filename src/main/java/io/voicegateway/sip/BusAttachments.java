package io.voicegateway.sip;

import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.control.Attachments;
import io.voicegateway.control.Call;

/** Call control's {@link Attachments} over the event bus: the apps verticle attaches apps. */
final class BusAttachments implements Attachments {
  private final Vertx vertx;

  BusAttachments(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void attachApp(Call call, String name) {
    vertx.eventBus().send(Addresses.APPS_ATTACH, new MediaCommands.AppAttach(call.id(), name));
  }
}
