package io.voicegateway.bus;

import io.vertx.core.json.JsonObject;
import io.voicegateway.codec.CodecType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active calls as call control sees them (see {@link Addresses#SIP_CALLS}), without media figures: the REST
 * API and the dashboard join those from {@code vg.media.stats}. The wire form of {@link ActiveCall} is the REST
 * API's call object (docs/api.md) but for each leg's {@code stats}.
 */
public final class CallQueries {
  private CallQueries() {}

  /** @param callId the one call to answer with, or null for every active call */
  public record ActiveCallsQuery(String callId) {
    public static ActiveCallsQuery all() {
      return new ActiveCallsQuery(null);
    }
  }

  /** @param calls every active call, or the one asked for; empty when it is unknown or ended */
  public record ActiveCalls(List<ActiveCall> calls) {
    public ActiveCalls {
      calls = List.copyOf(calls);
    }
  }

  /**
   * @param codec       the call's negotiated codec, on the wire its configuration name; null before answer
   * @param createdAt   when the call was created, wall-clock ms
   * @param connectedAt when it was answered, wall-clock ms; null while ringing
   * @param durationMs  connected time so far, 0 while ringing
   * @param xHeaders    the initial INVITE's X- headers, in the order received
   */
  public record ActiveCall(String id, CallState state, CallDirection direction, String from, String to,
      CodecType codec, String sipCallId, long createdAt, Long connectedAt, long durationMs,
      Map<String, String> xHeaders, List<ActiveLeg> legs) {
    public ActiveCall {
      xHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(xHeaders == null ? Map.of() : xHeaders));
      legs = List.copyOf(legs);
    }

    /** The wire form as a JSON object: the REST API's call object before its legs' {@code stats} are added. */
    public JsonObject toJson() {
      return WireJson.toJsonObject(this);
    }
  }

  /**
   * @param peer      the device or provider the leg reaches, the remote party's URI, or the app's name (app leg)
   * @param codec     the leg's negotiated codec, null before offer/answer and for app legs
   * @param rtpPort   the local RTP port, 0 for a leg without RTP
   * @param sipCallId the leg's SIP Call-ID, null for a leg that is not SIP
   */
  public record ActiveLeg(String id, LegKind kind, String peer, CodecType codec, boolean onHold, int rtpPort,
      String sipCallId) {}
}
