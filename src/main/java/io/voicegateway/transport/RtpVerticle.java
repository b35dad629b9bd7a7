package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.MediaCommands.DtmfSend;
import io.voicegateway.bus.MediaCommands.LegClose;
import io.voicegateway.bus.MediaCommands.LegMove;
import io.voicegateway.bus.MediaCommands.LegOpen;
import io.voicegateway.bus.MediaCommands.LegOpened;
import io.voicegateway.bus.MediaCommands.LegStart;
import io.voicegateway.bus.WebRtcCommands.MediaOffer;
import io.voicegateway.bus.WebRtcCommands.MediaReoffer;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.media.LegConfig;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.MediaEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * RTP port pool I/O on an event loop; deploy one instance per core, all sharing one {@link MediaEngine}.
 * Serves the media commands of the SIP verticle: LEG_OPEN takes a port pair and binds it on this
 * instance's event loop (its sockets' packets are handled there), LEG_START builds and swaps a leg's
 * pipeline, LEG_CLOSE closes it and returns the ports, DTMF_SEND queues RFC 4733 digits, STATS reports each
 * leg's counters and level; WEBRTC_OPEN/REOFFER open and renegotiate browser legs ({@link WebRtcOpener}: one port
 * carrying ICE-lite, DTLS and SRTP), which then start, move and close like any leg. Audio never crosses the event
 * bus: packets go straight from the socket into the leg's jitter buffer.
 */
public final class RtpVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(RtpVerticle.class.getName());
  /** The watchdog and RTCP timer. */
  static final long CHECK_MS = 250;

  private final MediaTransport media;
  private final MediaEngine engine;
  private final Map<String, LegSocket> sockets = new ConcurrentHashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private CallEventPublisher publisher; // only on the instance whose publisher the engine took
  private long timer;

  public RtpVerticle(MediaTransport media) {
    this.media = media;
    this.engine = media.engine();
  }

  @Override
  public Future<?> start() {
    // One publisher for all instances: it also remembers the call identities.
    CallEventPublisher candidate = new CallEventPublisher(vertx, media);
    if (engine.events(candidate)) {
      publisher = candidate;
      publisher.listen();
    }
    var bus = vertx.eventBus();
    consumers.add(bus.<LegOpen>consumer(Addresses.MEDIA_LEG_OPEN, this::open));
    consumers.add(bus.<LegStart>consumer(Addresses.MEDIA_LEG_START, this::start));
    consumers.add(bus.<LegClose>consumer(Addresses.MEDIA_LEG_CLOSE, this::close));
    consumers.add(bus.<LegMove>consumer(Addresses.MEDIA_LEG_MOVE, this::move));
    consumers.add(bus.<DtmfSend>consumer(Addresses.MEDIA_DTMF_SEND, this::dtmf));
    consumers.add(bus.<String>consumer(Addresses.MEDIA_STATS, msg -> msg.reply(LegStatsReply.of(engine, msg.body()))));
    WebRtcOpener webRtc = new WebRtcOpener(vertx, media, socket -> sockets.put(socket.leg().legId(), socket));
    consumers.add(bus.<MediaOffer>consumer(Addresses.MEDIA_WEBRTC_OPEN, webRtc::open));
    consumers.add(bus.<MediaReoffer>consumer(Addresses.MEDIA_WEBRTC_REOFFER, webRtc::reoffer));
    consumers.add(bus.<WebRtcCommands.OfferRequest>consumer(Addresses.MEDIA_WEBRTC_MAKE_OFFER, webRtc::makeOffer));
    consumers.add(bus.<WebRtcCommands.PeerAnswer>consumer(Addresses.MEDIA_WEBRTC_ACCEPT_ANSWER,
        webRtc::acceptAnswer));
    timer = vertx.setPeriodic(CHECK_MS, id -> check());
    List<Future<?>> ready = new ArrayList<>(consumers.stream().map(MessageConsumer::completion).toList());
    // The DTLS certificate is made before the first browser offer, off the event loop.
    ready.add(vertx.executeBlocking(() -> media.webRtcLegs().certificate()));
    return Future.all(ready);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    for (LegSocket socket : sockets.values()) {
      engine.closeLeg(socket.leg().legId());
    }
    if (publisher != null) {
      publisher.stop();
      engine.clearEvents(publisher);
    }
    return Future.succeededFuture();
  }

  private void open(Message<LegOpen> msg) {
    LegOpen open = msg.body();
    if (engine.leg(open.legId()) != null) {
      msg.fail(409, "leg " + open.legId() + " already open");
      return;
    }
    PoolBinding.bind(engine.ports(), port -> RtpLegSocket.bind(vertx, media.config().bindAddress(), port))
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.warning(() -> "leg " + open.legId() + " of call " + open.callId() + ": " + ar.cause().getMessage());
            msg.fail(503, ar.cause().getMessage());
            return;
          }
          int port = ar.result().port();
          DatagramSocket[] pair = ar.result().sockets();
          LegMedia leg;
          try {
            leg = engine.openLeg(open.callId(), open.legId(), port);
          } catch (IllegalStateException e) {
            pair[0].close();
            pair[1].close();
            engine.ports().release(port);
            msg.fail(409, e.getMessage());
            return;
          }
          sockets.put(open.legId(), RtpLegSocket.attach(vertx, media, leg, pair));
          msg.reply(new LegOpened(open.legId(), port));
        });
  }

  private void start(Message<LegStart> msg) {
    LegStart start = msg.body();
    try {
      LegDirection direction = start.direction() == null ? LegDirection.SENDRECV : start.direction();
      engine.startLeg(start.legId(), LegConfig.of(start.codec(), start.payloadType(), start.dtmfPayloadType(),
          start.ptimeMs(), direction.receives(), direction.sends()), start.remoteHost(), start.remotePort());
      msg.reply(msg.body());
    } catch (IllegalArgumentException e) {
      // The SIP side usually sends (no reply): the log is where a bad start shows.
      LOG.warning(() -> "leg " + msg.body().legId() + " not started: " + e.getMessage());
      msg.fail(400, e.getMessage());
    }
  }

  private void close(Message<LegClose> msg) {
    LegMedia leg = engine.closeLeg(msg.body().legId());
    sockets.remove(msg.body().legId());
    if (leg == null) {
      msg.fail(404, "no leg " + msg.body().legId());
    } else {
      msg.reply(msg.body());
    }
  }

  private void move(Message<LegMove> msg) {
    if (engine.moveLeg(msg.body().legId(), msg.body().toCallId()) == null) {
      msg.fail(404, "no leg " + msg.body().legId());
    } else {
      msg.reply(msg.body());
    }
  }

  private void dtmf(Message<DtmfSend> msg) {
    DtmfSend send = msg.body();
    LegMedia leg = engine.leg(send.legId());
    if (leg == null) {
      msg.fail(404, "no leg " + send.legId());
    } else if (!leg.queueDtmf(send.digits())) {
      msg.fail(400, "telephone-event not negotiated on " + send.legId());
    } else {
      msg.reply(send);
    }
  }

  private void check() {
    long now = engine.nanoTime();
    for (LegSocket socket : sockets.values()) {
      if (socket.closed()) {
        sockets.remove(socket.leg().legId(), socket); // closed elsewhere (another instance, call end)
      } else {
        socket.check(now);
      }
    }
  }
}
