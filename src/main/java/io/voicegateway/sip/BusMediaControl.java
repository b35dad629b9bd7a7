package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;
import io.voicegateway.control.MediaControl;

/** Call control's {@link MediaControl} for SIP legs, over the event bus to the media verticles. */
final class BusMediaControl implements MediaControl {
  private final Vertx vertx;

  BusMediaControl(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> sendDtmf(Call call, Leg leg, String digits) {
    return vertx.eventBus()
        .request(Addresses.MEDIA_DTMF_SEND, new MediaCommands.DtmfSend(call.id(), leg.id(), digits))
        .mapEmpty();
  }
}
