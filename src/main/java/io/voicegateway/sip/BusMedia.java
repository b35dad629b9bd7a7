package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A SIP leg's media as the media side runs it, asked over the event bus: open an RTP port, start (or restart,
 * on every renegotiation) the leg's pipeline with what offer/answer settled, close it. Used on the SIP
 * verticle's context.
 */
final class BusMedia {
  private static final Logger LOG = Logger.getLogger(BusMedia.class.getName());
  /** How long an answer waits for the media side to confirm a leg's start (a cold JVM needs a few 100 ms). */
  static final long START_WAIT_MS = 2000;

  private final EventBus bus;

  BusMedia(EventBus bus) {
    this.bus = bus;
  }

  /** Asks the media side for an RTP port for the leg; fails when the pool is exhausted. */
  Future<Integer> open(Call call, Leg leg) {
    return bus.<MediaCommands.LegOpened>request(Addresses.MEDIA_LEG_OPEN,
            new MediaCommands.LegOpen(call.id(), leg.id()))
        .map(msg -> {
          leg.mediaOpen(true);
          leg.rtpPort(msg.body().rtpPort());
          return msg.body().rtpPort();
        });
  }

  /**
   * Asks the media side to open a browser's leg from its DTLS-SRTP offer (one UDP port for ICE, DTLS and SRTP) and
   * answer it; fails with the media side's status (400 offer refused, 503 no port) as a {@link ReplyException}.
   */
  Future<WebRtcCommands.MediaAnswer> openWebRtc(Call call, Leg leg, String offer) {
    return bus.<WebRtcCommands.MediaAnswer>request(Addresses.MEDIA_WEBRTC_OPEN,
            new WebRtcCommands.MediaOffer(call.id(), leg.id(), offer))
        .map(msg -> {
          leg.mediaOpen(true);
          leg.rtpPort(msg.body().port());
          return msg.body();
        });
  }

  /**
   * The SIP status for a failed {@link #openWebRtc}/{@link #reofferWebRtc}: 503 when the media side had no port,
   * else 488 (the offer refused, or no WebRTC media side deployed: the phone may retry with plain RTP).
   */
  static int webRtcFailureStatus(Throwable err) {
    return err instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && reply.failureCode() == 503 ? 503 : 488;
  }

  /**
   * Asks the media side to open a leg toward a WebRTC phone and make our offer for it (one UDP port, ICE-lite,
   * {@code a=setup:actpass}); fails with its status (503 no port) as a {@link ReplyException}.
   */
  Future<WebRtcCommands.OwnOffer> offerWebRtc(Call call, Leg leg) {
    return bus.<WebRtcCommands.OwnOffer>request(Addresses.MEDIA_WEBRTC_MAKE_OFFER,
            new WebRtcCommands.OfferRequest(call.id(), leg.id()))
        .map(msg -> {
          leg.mediaOpen(true);
          leg.rtpPort(msg.body().port());
          return msg.body();
        });
  }

  /** The phone's answer to {@link #offerWebRtc}; 488 (the leg's media already closed) when the media side refuses it. */
  Future<WebRtcCommands.AnswerAccepted> acceptWebRtcAnswer(Call call, Leg leg, String answer) {
    return bus.<WebRtcCommands.AnswerAccepted>request(Addresses.MEDIA_WEBRTC_ACCEPT_ANSWER,
            new WebRtcCommands.PeerAnswer(call.id(), leg.id(), answer))
        .map(msg -> msg.body());
  }

  /** A re-offer on a browser's leg (hold, ICE restart), answered by the media side. */
  Future<WebRtcCommands.MediaAnswer> reofferWebRtc(Call call, Leg leg, String offer) {
    return bus.<WebRtcCommands.MediaAnswer>request(Addresses.MEDIA_WEBRTC_REOFFER,
            new WebRtcCommands.MediaReoffer(call.id(), leg.id(), offer))
        .map(msg -> msg.body());
  }

  /** Sends the negotiated media to the media side (also on every renegotiation). */
  void start(Call call, SipLeg leg, NegotiatedMedia media) {
    leg.media(media);
    bus.send(Addresses.MEDIA_LEG_START, legStart(call, leg.leg(), media));
  }

  /**
   * As {@link #start}, completing once the media side has built the leg's pipeline. Fails when the media
   * side refused the start (or none listens): answering would give the caller a call without audio. One not
   * confirmed within {@link #START_WAIT_MS} is logged and the call goes on: a slow media side (a cold JVM)
   * still builds the leg.
   */
  Future<Void> startAndWait(Call call, SipLeg leg, NegotiatedMedia media) {
    leg.media(media);
    return bus.request(Addresses.MEDIA_LEG_START, legStart(call, leg.leg(), media),
            new DeliveryOptions().setSendTimeout(START_WAIT_MS))
        .<Void>mapEmpty()
        .recover(err -> {
          if (err instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
            LOG.warning("call " + call.id() + ": media start of leg " + leg.id() + " not confirmed within "
                + START_WAIT_MS + " ms, going on");
            return Future.succeededFuture();
          }
          LOG.log(Level.WARNING, "call " + call.id() + ": media did not start leg " + leg.id(), err);
          return Future.failedFuture(err);
        });
  }

  /** Closes the leg's media when it is open; a no-op otherwise (so every path that ends a leg may call it). */
  void close(Call call, Leg leg, String reason) {
    if (leg.mediaOpen()) {
      leg.mediaOpen(false);
      bus.send(Addresses.MEDIA_LEG_CLOSE, new MediaCommands.LegClose(call.id(), leg.id(), reason));
    }
  }

  private static MediaCommands.LegStart legStart(Call call, Leg leg, NegotiatedMedia media) {
    return new MediaCommands.LegStart(call.id(), leg.id(), media.remoteHost(), media.remotePort(),
        media.codec(), media.payloadType(), media.dtmfPayloadType(), media.ptimeMs(),
        LegDirection.fromWire(media.localDirection().sdpName()));
  }
}
