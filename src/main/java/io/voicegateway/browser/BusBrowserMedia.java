package io.voicegateway.browser;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.codec.CodecType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Status;

/** {@link BrowserMedia} over the event bus, to the transport side's browser legs and the mixer. */
public final class BusBrowserMedia implements BrowserMedia {
  /** Opus frames of 20 ms, as the mixer ticks. */
  private static final int PTIME_MS = 20;
  /** A first DTLS certificate or a cold media side may take a moment; the page waits no longer than this. */
  private static final DeliveryOptions OPEN_WAIT = new DeliveryOptions().setSendTimeout(10_000);

  private final EventBus bus;

  public BusBrowserMedia(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public Future<WebRtcCommands.MediaAnswer> open(String sessionId, String legId, String sdp) {
    return bus.<WebRtcCommands.MediaAnswer>request(Addresses.MEDIA_WEBRTC_OPEN,
        new WebRtcCommands.MediaOffer(WebRtcCommands.sessionCallId(sessionId), legId, sdp), OPEN_WAIT)
        .map(Message::body)
        .recover(BusBrowserMedia::refused);
  }

  @Override
  public Future<WebRtcCommands.MediaAnswer> reoffer(String callId, String legId, String sdp) {
    return bus.<WebRtcCommands.MediaAnswer>request(Addresses.MEDIA_WEBRTC_REOFFER,
        new WebRtcCommands.MediaReoffer(callId, legId, sdp), OPEN_WAIT)
        .map(Message::body)
        .recover(BusBrowserMedia::refused);
  }

  @Override
  public void closeSession(String sessionId, String legId, String reason) {
    bus.send(Addresses.MEDIA_LEG_CLOSE, new MediaCommands.LegClose(WebRtcCommands.sessionCallId(sessionId), legId,
        reason));
  }

  @Override
  public Future<Void> move(String sessionId, Call call, Leg leg) {
    leg.mediaOpen(true); // the media side closes legs by id: a close from now on reaches it wherever it is
    return bus.request(Addresses.MEDIA_LEG_MOVE, new MediaCommands.LegMove(WebRtcCommands.sessionCallId(sessionId),
        call.id(), leg.id())).<Void>mapEmpty().recover(BusBrowserMedia::refused);
  }

  @Override
  public Future<Void> start(Call call, Leg leg, int payloadType, int dtmfPayloadType, LegDirection direction) {
    // no remote address: the media side sends to the ICE-nominated one
    return bus.request(Addresses.MEDIA_LEG_START, new MediaCommands.LegStart(call.id(), leg.id(), null, 0,
        CodecType.OPUS, payloadType, dtmfPayloadType, PTIME_MS, direction)).<Void>mapEmpty()
        .recover(BusBrowserMedia::refused);
  }

  @Override
  public void close(Call call, Leg leg, String reason) {
    if (leg.mediaOpen()) {
      leg.mediaOpen(false);
      bus.send(Addresses.MEDIA_LEG_CLOSE, new MediaCommands.LegClose(call.id(), leg.id(), reason));
    }
  }

  @Override
  public Future<Void> sendDtmf(Call call, Leg leg, String digits) {
    return bus.request(Addresses.MEDIA_DTMF_SEND, new MediaCommands.DtmfSend(call.id(), leg.id(), digits))
        .mapEmpty();
  }

  /** The media side's refusal with its status (400 bad offer, 409, 503 no port); 503 when nobody answered. */
  private static <T> Future<T> refused(Throwable err) {
    return Future.failedFuture(err instanceof ReplyException reply && reply.failureCode() > 0
        ? CallFailure.of(reply.failureCode(), reply.getMessage())
        : CallFailure.of(Status.SERVICE_UNAVAILABLE, "no media for browsers: " + err.getMessage()));
  }
}
