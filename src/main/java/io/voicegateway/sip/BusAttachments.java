package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.control.Attachments;
import io.voicegateway.control.Call;

/** Call control's {@link Attachments} over the event bus: the apps verticle attaches apps, media runs feeds. */
final class BusAttachments implements Attachments {
  private final SipServices s;

  BusAttachments(SipServices s) {
    this.s = s;
  }

  @Override
  public void attachApp(Call call, String name) {
    s.vertx.eventBus().send(Addresses.APPS_ATTACH, new MediaCommands.AppAttach(call.id(), name));
  }

  @Override
  public Future<Boolean> startStream(Call call, String name) {
    return Streaming.start(s, call, name);
  }
}
