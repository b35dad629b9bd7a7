package io.voicegateway.bus;

import java.util.List;
import java.util.Map;

/**
 * Starting and stopping a named Twilio-Media-Streams WebSocket stream on a running call (issue 12), for whoever is
 * not a route: the REST API, an IVR action, a bridge client. Served by {@code stream}. The stream NAME is a key of
 * the {@code streaming:} section; failures carry an HTTP status (400 unknown stream name, 404 no such call or stream,
 * 409 that stream already runs on the call, 503 streaming not configured).
 */
public final class StreamCommands {
  private StreamCommands() {}

  /**
   * Opens stream {@code name} on call {@code callId}. The reply comes once the consumer's WebSocket is open and
   * {@code start} was sent; a consumer that cannot be reached fails the request (with 502) and the call goes on.
   *
   * @param customParameters added to the stream's configured {@code custom_parameters} (these win on a clash)
   */
  public record Start(String callId, String name, Map<String, String> customParameters) {
    public Start {
      customParameters = Map.copyOf(customParameters == null ? Map.of() : customParameters);
    }
  }

  /** The stream that runs: its Twilio {@code streamSid}, which {@link Stop} names. */
  public record Started(String callId, String name, String streamSid) {}

  /** Stops one stream of a call: {@code stop} is sent and the socket closed; the call goes on. */
  public record Stop(String callId, String streamSid) {}

  /** The streams running on a call (reply to {@link Query}); empty when none. */
  public record Query(String callId) {}

  public record Streams(String callId, List<Started> streams) {}
}
