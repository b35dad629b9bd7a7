package io.voicegateway.bus;

import java.util.List;
import java.util.Map;

/**
 * Requests that place or change calls, answered by call control (see {@link Addresses}). A request that cannot
 * be carried out fails with a code the REST API passes on as its HTTP status: 400 bad target, 404 unknown call or
 * number no route serves, 409 wrong state (no confirmed dialog yet, device not registered), 502 the peer refused,
 * 503 no media port or no service, 504 no answer in time.
 */
public final class CallCommands {
  private CallCommands() {}

  /**
   * Call {@code target} and attach {@code app} once it answers.
   *
   * @param target  a SIP URI, e.g. {@code sip:bob@10.0.0.2:5070;transport=tcp}
   * @param app     an app of the catalog ({@link Addresses#APPS_LIST}), also the user part of our From
   * @param headers X- headers for the INVITE; they travel into the call events
   */
  public record Originate(String target, String app, Map<String, String> headers) {
    public Originate {
      headers = Map.copyOf(headers == null ? Map.of() : headers);
    }
  }

  /**
   * Click-to-call: ring {@code device}, and once it answers dial {@code number} as that device would (routes,
   * extensions, trunks), bridging the two.
   *
   * @param device a device id or extension
   */
  public record ClickToCall(String device, String number, Map<String, String> headers) {
    public ClickToCall {
      headers = Map.copyOf(headers == null ? Map.of() : headers);
    }
  }

  /** The reply to an originate: the new call's id, once the first callee answered. */
  public record Originated(String callId) {}

  /** Put the peer of the call's first SIP leg on hold (re-INVITE offering sendonly). */
  public record Hold(String callId) {}

  /** Take it off hold (re-INVITE offering sendrecv). */
  public record Resume(String callId) {}

  /** Send RFC 4733 {@code digits} ({@code 0-9 * # A-D}) into the call, toward the party call control picks. */
  public record SendDigits(String callId, String digits) {}

  /** The reply to a command that has nothing to report but success. */
  public record Done(String callId) {}

  /** The reply to {@link SipCommands.Transfer}: the REFER's final status (2xx: the call is TRANSFERRED). */
  public record Transferred(String callId, int status) {}

  // ivr10: an app hands its call to a phone, a number or a stream (AppCall.connect)

  /**
   * Replace the call's app leg by a new party within the same call: ring {@code devices} (first answer wins),
   * call {@code number} through {@code provider}, route {@code number} as the caller would have dialled it (the
   * caller's own source, so the toll-fraud guard applies), or start {@code stream}. On answer the new party joins
   * the call's mix and the app leaves it; otherwise the app keeps the call. Reply {@link HandedOff}.
   *
   * @param ringTimeoutMs how long to ring before giving up (0: until the far side gives up)
   */
  public record HandOff(String callId, HandOffKind kind, List<String> devices, String number, String provider,
      String stream, long ringTimeoutMs) {
    public HandOff {
      devices = List.copyOf(devices == null ? List.of() : devices);
    }

    public static HandOff ring(String callId, List<String> devices, long ringTimeoutMs) {
      return new HandOff(callId, HandOffKind.RING, devices, null, null, null, ringTimeoutMs);
    }

    public static HandOff number(String callId, String number, String provider, long ringTimeoutMs) {
      return new HandOff(callId, HandOffKind.NUMBER, List.of(), number, provider, null, ringTimeoutMs);
    }

    public static HandOff route(String callId, String number, long ringTimeoutMs) {
      return new HandOff(callId, HandOffKind.ROUTE, List.of(), number, null, null, ringTimeoutMs);
    }

    public static HandOff stream(String callId, String stream) {
      return new HandOff(callId, HandOffKind.STREAM, List.of(), null, null, stream, 0);
    }
  }

  /** What a {@link HandOff} reaches. */
  public enum HandOffKind { RING, NUMBER, ROUTE, STREAM }

  /**
   * The reply to {@link HandOff}: 200 when the new party answered (the app has left the call), else why not (486
   * busy, 408 no answer, 404 no route, 403 not allowed for this caller, 480 nobody to ring, 481 unknown call).
   */
  public record HandedOff(String callId, int status) {}
  // conf10: three-way calling

  /**
   * Ring {@code target} into the live call {@code callId}: a device id, or a number routed with the rights of the
   * call's device party (outbound routes and their toll-fraud rule apply).
   */
  public record AddLeg(String callId, String target) {}

  /** The reply to {@link AddLeg} once the new party answered and joined the call's mix. */
  public record LegAdded(String callId, String legId) {}

  /** Hang up one party of a call; the others go on while at least two are left, else the call ends. */
  public record DropLeg(String callId, String legId) {}
}
