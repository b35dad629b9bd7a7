package io.voicegateway.call;

import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpOrigin;
import java.util.UUID;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/**
 * One party of a {@link Call}: a SIP leg wraps one dialog (and, while it is being set up, the INVITE
 * transaction); an app leg (echo, …) lives only in the mixer. Mutable, and touched only on the SIP
 * verticle's context.
 */
public final class Leg {
  public enum Kind { SIP, APP }

  private final String id = UUID.randomUUID().toString();
  private final Kind kind;
  private final boolean inbound;
  private final String sipCallId;
  private final String localTag;
  private Dialog dialog;
  private ServerTransaction pendingServerInvite;
  private ClientTransaction pendingClientInvite;
  private int rtpPort;
  private long remoteSdpVersion = -1;
  private SdpOrigin origin = SdpOrigin.create();
  private NegotiatedMedia media;
  private boolean awaitingAnswer;
  private String localSdp;
  private String codec;
  private boolean onHold;
  private boolean mediaOpen;
  private String peer;
  private String localAddress;
  private boolean transferredAway;

  private Leg(Kind kind, boolean inbound, String sipCallId, String localTag) {
    this.kind = kind;
    this.inbound = inbound;
    this.sipCallId = sipCallId;
    this.localTag = localTag;
  }

  /** A SIP leg; {@code inbound} when the remote party sent the INVITE (we are the UAS). */
  public static Leg sip(boolean inbound, String sipCallId, String localTag) {
    return new Leg(Kind.SIP, inbound, sipCallId, localTag);
  }

  public static Leg app(String name) {
    return new Leg(Kind.APP, false, null, name);
  }

  public String id() { return id; }
  public Kind kind() { return kind; }
  public boolean inbound() { return inbound; }
  /** The SIP Call-ID of this leg's dialog; null for an app leg. */
  public String sipCallId() { return sipCallId; }
  /** Our tag in the dialog (To-tag when inbound, From-tag when outbound). */
  public String localTag() { return localTag; }

  public Dialog dialog() { return dialog; }
  public void dialog(Dialog dialog) { this.dialog = dialog; }

  /** The inbound INVITE still waiting for our final response, or null. */
  public ServerTransaction pendingServerInvite() { return pendingServerInvite; }
  public void pendingServerInvite(ServerTransaction st) { this.pendingServerInvite = st; }

  /** Our outbound INVITE still waiting for a final response, or null. */
  public ClientTransaction pendingClientInvite() { return pendingClientInvite; }
  public void pendingClientInvite(ClientTransaction ct) { this.pendingClientInvite = ct; }

  /** True until a final response settles the initial INVITE. */
  public boolean pending() { return pendingServerInvite != null || pendingClientInvite != null; }

  public int rtpPort() { return rtpPort; }
  public void rtpPort(int rtpPort) { this.rtpPort = rtpPort; }

  /** The remote o= session version last seen, -1 before any: the same version again is a refresh. */
  public long remoteSdpVersion() { return remoteSdpVersion; }
  public void remoteSdpVersion(long version) { this.remoteSdpVersion = version; }

  /** Our o= line for the next SDP we send: the version goes up by one each time (RFC 3264 §8). */
  public SdpOrigin nextOrigin() {
    origin = origin.next();
    return origin;
  }

  /** The media last negotiated on this leg, or null before any. */
  public NegotiatedMedia media() { return media; }
  public void media(NegotiatedMedia media) {
    this.media = media;
    this.codec = media.codec().configName();
  }

  /** True after we sent an offer in a 2xx (late offer) or INVITE and wait for the answer in the ACK or 2xx. */
  public boolean awaitingAnswer() { return awaitingAnswer; }
  public void awaitingAnswer(boolean awaiting) { this.awaitingAnswer = awaiting; }

  /** The last SDP we sent, re-sent unchanged for a session refresh. */
  public String localSdp() { return localSdp; }
  public void localSdp(String sdp) { this.localSdp = sdp; }

  /** The negotiated codec's configuration name, or null before negotiation. */
  public String codec() { return codec; }

  public boolean onHold() { return onHold; }
  public void onHold(boolean onHold) { this.onHold = onHold; }

  /** True once the media side allocated ports for the leg (so it needs a LegClose). */
  public boolean mediaOpen() { return mediaOpen; }
  public void mediaOpen(boolean open) { this.mediaOpen = open; }

  /** Who is on the other end, for logs and the API: a device or provider id, or the remote URI. */
  public String peer() { return peer; }
  public void peer(String peer) { this.peer = peer; }

  /** The address we present to this leg in Contact and SDP when it is not the gateway's own, else null. */
  public String localAddress() { return localAddress; }
  public void localAddress(String address) { this.localAddress = address; }

  /**
   * True once this party has handed its call to someone else (its REFER was accepted, or its dialog was
   * replaced): a BYE on this leg then ends only the leg, not the call.
   */
  public boolean transferredAway() { return transferredAway; }
  public void transferredAway(boolean away) { this.transferredAway = away; }

  @Override
  public String toString() {
    return kind + (inbound ? " in " : " out ") + (sipCallId != null ? sipCallId : localTag);
  }
}
