package io.voicegateway.sip;

import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.control.Attachments;
import io.voicegateway.control.Call;
import io.voicegateway.control.route.CallSource;

/** Call control's {@link Attachments} over the event bus: the apps verticle attaches apps. */
final class BusAttachments implements Attachments {
  private final Vertx vertx;

  BusAttachments(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void attachApp(Call call, String name, String argument) {
    String device = call.source().kind() == CallSource.Kind.DEVICE ? call.source().id() : null;
    vertx.eventBus().send(Addresses.APPS_ATTACH,
        new MediaCommands.AppAttach(call.id(), name, argument, call.from(), device, call.to()));
  }
}
