package io.voicegateway.control;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.codec.CodecType;
import java.util.UUID;

/**
 * One party of a {@link Call}, whatever its kind: a SIP dialog, an app in the mixer, later a browser or a
 * stream. Nothing here is protocol-specific; the layer that implements a kind keeps its own per-leg state
 * (for SIP the dialog and pending transactions, found by this leg's {@link #id}). Mutable, and touched only
 * on the context that owns the call.
 */
public final class Leg {
  private final String id;
  private final LegKind kind;
  private final CallDirection direction;
  private final String name;
  private LegState state = LegState.SETTING_UP;
  private CodecType codec;
  private String peer;
  private int rtpPort;
  private boolean mediaOpen;
  private boolean onHold;
  private boolean transferredAway;
  private Endpoint endpoint;

  private Leg(String id, LegKind kind, CallDirection direction, String name) {
    this.id = id;
    this.kind = kind;
    this.direction = direction;
    this.name = name;
  }

  /** A leg whose far side is reached over the network ({@code kind} SIP, later WEBRTC or STREAM). */
  public static Leg of(LegKind kind, CallDirection direction) {
    return new Leg(UUID.randomUUID().toString(), kind, direction, null);
  }

  /**
   * A network leg whose id was chosen before it joined a call: a browser session's media is opened under its leg id
   * before the session is linked into a call (WebRTC's three steps), and the leg keeps that id.
   */
  public static Leg of(LegKind kind, CallDirection direction, String id) {
    return new Leg(id, kind, direction, null);
  }

  /** An app leg: {@code name} is the app ("echo"). It is connected from the start. */
  public static Leg app(String name) {
    Leg leg = new Leg(UUID.randomUUID().toString(), LegKind.APP, CallDirection.OUTBOUND, name);
    leg.state = LegState.CONNECTED;
    return leg;
  }

  public String id() { return id; }
  public LegKind kind() { return kind; }
  public CallDirection direction() { return direction; }
  /** The app's name for an APP leg, else null. */
  public String name() { return name; }

  public LegState state() { return state; }
  public void state(LegState state) { this.state = state; }

  /** The negotiated codec, or null before negotiation. */
  public CodecType codec() { return codec; }
  public void codec(CodecType codec) { this.codec = codec; }

  /** Who is on the other end, for logs, routing of a transfer and the API: a device or provider id, or a URI. */
  public String peer() { return peer; }
  public void peer(String peer) { this.peer = peer; }

  /** The local RTP port the media side allocated for this leg, 0 before. */
  public int rtpPort() { return rtpPort; }
  public void rtpPort(int rtpPort) { this.rtpPort = rtpPort; }

  /** True once the media side allocated ports for the leg (so it needs a close). */
  public boolean mediaOpen() { return mediaOpen; }
  public void mediaOpen(boolean open) { this.mediaOpen = open; }

  public boolean onHold() { return onHold; }
  public void onHold(boolean onHold) { this.onHold = onHold; }

  /**
   * True once this party has handed its call to someone else (its transfer was accepted, or it was
   * replaced): its hang-up then ends only the leg, not the call.
   */
  public boolean transferredAway() { return transferredAway; }
  public void transferredAway(boolean away) { this.transferredAway = away; }

  /** The leg's far side as control drives it; null for a leg control does not drive (an app in the mixer). */
  public Endpoint endpoint() { return endpoint; }
  public void endpoint(Endpoint endpoint) { this.endpoint = endpoint; }

  @Override
  public String toString() {
    return kind + " " + direction.wireName() + " " + (name != null ? name : id);
  }
}
