package io.voicegateway.browser;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.Leg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link BrowserMedia} as a port table: which leg's port is open, under which call id; what was started and sent. */
final class FakeBrowserMedia implements BrowserMedia {
  /** Open ports: leg id → the call id its media is under (a session's, or the call's once moved). */
  final Map<String, String> ports = new LinkedHashMap<>();
  final List<LegDirection> starts = new ArrayList<>();
  final List<String> dtmf = new ArrayList<>();
  /** A status the next open fails with (400 bad offer, 503 no port), 0 for none. */
  int refuseOpen;
  /** When set, moves wait for the test to complete this promise. */
  Promise<Void> moveGate;
  /** When set, opens wait for the test to complete this promise. */
  Promise<Void> openGate;
  /** telephone-event's payload type in the answers, -1 for none. */
  int dtmfPayloadType = 110;

  @Override
  public Future<WebRtcCommands.MediaAnswer> open(String sessionId, String legId, String sdp) {
    if (refuseOpen > 0) {
      int status = refuseOpen;
      refuseOpen = 0;
      return Future.failedFuture(CallFailure.of(status, "refused"));
    }
    Future<Void> gate = openGate == null ? Future.succeededFuture() : openGate.future();
    return gate.map(v -> {
      ports.put(legId, WebRtcCommands.sessionCallId(sessionId));
      return new WebRtcCommands.MediaAnswer(legId, 40000 + ports.size() * 2, "v=0 answer to " + sdp, 111,
          dtmfPayloadType);
    });
  }

  /** Re-offers as the media side saw them: "callId legId". */
  final List<String> reoffers = new ArrayList<>();

  @Override
  public Future<WebRtcCommands.MediaAnswer> reoffer(String callId, String legId, String sdp) {
    reoffers.add(callId + " " + legId);
    return Future.succeededFuture(new WebRtcCommands.MediaAnswer(legId, 40000, "v=0 reanswer", 111, dtmfPayloadType));
  }

  @Override
  public void closeSession(String sessionId, String legId, String reason) {
    ports.remove(legId);
  }

  @Override
  public Future<Void> move(String sessionId, Call call, Leg leg) {
    leg.mediaOpen(true);
    Future<Void> gate = moveGate == null ? Future.succeededFuture() : moveGate.future();
    return gate.map(v -> {
      ports.computeIfPresent(leg.id(), (id, was) -> call.id());
      return null;
    });
  }

  @Override
  public Future<Void> start(Call call, Leg leg, int payloadType, int dtmfPayloadType, LegDirection direction) {
    starts.add(direction);
    return Future.succeededFuture();
  }

  @Override
  public void close(Call call, Leg leg, String reason) {
    if (leg.mediaOpen()) {
      leg.mediaOpen(false);
      ports.remove(leg.id());
    }
  }

  @Override
  public Future<Void> sendDtmf(Call call, Leg leg, String digits) {
    dtmf.add(digits);
    return Future.succeededFuture();
  }
}
