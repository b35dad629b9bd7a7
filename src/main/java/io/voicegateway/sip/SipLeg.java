package io.voicegateway.sip;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import io.voicegateway.sip.guard.SourceCallCap;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpOrigin;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/**
 * The SIP side of one {@link Leg}: its dialog, the INVITE transaction still waiting for a final response
 * (ours or theirs), its Call-ID and our tag, and the offer/answer state (SDP versions, last SDP we sent,
 * negotiated media). Call control sees only the {@link Leg}; everything SIP about it lives here, found by
 * leg id or Call-ID through {@link SipLegs}. Mutable, touched only on the SIP verticle's context.
 */
final class SipLeg {
  private final Leg leg;
  private final String sipCallId;
  private final String localTag;
  private Dialog dialog;
  private ServerTransaction pendingServerInvite;
  private ClientTransaction pendingClientInvite;
  private long remoteSdpVersion = -1;
  private SdpOrigin origin = SdpOrigin.create();
  private NegotiatedMedia media;
  private boolean awaitingAnswer;
  private String localSdp;
  private String webRtcAnswer;
  private String localAddress;
  private SipEndpoint endpoint;
  private SourceCallCap.Slot slot = SourceCallCap.Slot.NONE;
  private InviteProgressWatch progress;

  private SipLeg(Leg leg, String sipCallId, String localTag) {
    this.leg = leg;
    this.sipCallId = sipCallId;
    this.localTag = localTag;
  }

  /** The leg of an INVITE we received (we are the UAS), waiting for our answer in {@code invite}. */
  static SipLeg inbound(String sipCallId, String localTag, ServerTransaction invite) {
    SipLeg leg = new SipLeg(Leg.of(LegKind.SIP, CallDirection.INBOUND), sipCallId, localTag);
    leg.dialog = invite.getDialog();
    leg.pendingServerInvite = invite;
    return leg;
  }

  /** The leg of an INVITE we are about to send (we are the UAC). */
  static SipLeg outbound(String sipCallId, String localTag) {
    return new SipLeg(Leg.of(LegKind.SIP, CallDirection.OUTBOUND), sipCallId, localTag);
  }

  /** The per-source call slot this inbound leg's INVITE took ({@link SourceCallCap}). */
  void holds(SourceCallCap.Slot slot) {
    this.slot = slot;
  }

  /** Gives the slot back (the call ended, was refused, or this party left); once. */
  void releaseSlot() {
    slot.release();
    slot = SourceCallCap.Slot.NONE;
  }

  /** What call control knows of this leg. */
  Leg leg() { return leg; }
  String id() { return leg.id(); }
  boolean inbound() { return leg.direction() == CallDirection.INBOUND; }
  /** The SIP Call-ID of this leg's dialog. */
  String sipCallId() { return sipCallId; }
  /** Our tag in the dialog (To-tag when inbound, From-tag when outbound). */
  String localTag() { return localTag; }

  Dialog dialog() { return dialog; }
  void dialog(Dialog dialog) { this.dialog = dialog; }

  /** The inbound INVITE still waiting for our final response, or null. */
  ServerTransaction pendingServerInvite() { return pendingServerInvite; }
  void pendingServerInvite(ServerTransaction st) {
    this.pendingServerInvite = st;
    if (st == null) {
      endWatch(); // settled: its Timer C must not keep the call (and its dialogs) live
    }
  }

  /** The Timer C watch of this leg's inbound INVITE ({@link InviteProgressWatches}); ended when it settles. */
  void watchedBy(InviteProgressWatch watch) {
    this.progress = watch;
  }

  /** Ends the INVITE's watch, if any (settled, or the leg left its call); once. */
  void endWatch() {
    if (progress != null) {
      progress.settled();
      progress = null;
    }
  }

  /** Our outbound INVITE still waiting for a final response, or null. */
  ClientTransaction pendingClientInvite() { return pendingClientInvite; }
  void pendingClientInvite(ClientTransaction ct) { this.pendingClientInvite = ct; }

  /** True until a final response settles the initial INVITE. */
  boolean pending() { return pendingServerInvite != null || pendingClientInvite != null; }

  /** The initial INVITE was answered 2xx (by us or by the peer): the leg is connected. */
  void connected() { leg.state(LegState.CONNECTED); }

  /** The remote o= session version last seen, -1 before any: the same version again is a refresh. */
  long remoteSdpVersion() { return remoteSdpVersion; }
  void remoteSdpVersion(long version) { this.remoteSdpVersion = version; }

  /** Our o= line for the next SDP we send: the version goes up by one each time (RFC 3264 §8). */
  SdpOrigin nextOrigin() {
    origin = origin.next();
    return origin;
  }

  /** The media last negotiated on this leg, or null before any; its codec is the leg's. */
  NegotiatedMedia media() { return media; }
  void media(NegotiatedMedia media) {
    this.media = media;
    leg.codec(media.codec());
  }

  /** True after we sent an offer in a 2xx (late offer) or INVITE and wait for the answer in the ACK or 2xx. */
  boolean awaitingAnswer() { return awaitingAnswer; }
  void awaitingAnswer(boolean awaiting) { this.awaitingAnswer = awaiting; }

  /** The last SDP we sent, re-sent unchanged for a session refresh. */
  String localSdp() { return localSdp; }
  void localSdp(String sdp) { this.localSdp = sdp; }
  /** The media side's answer to a browser's DTLS-SRTP offer; set only on such (WebRTC) legs. */
  String webRtcAnswer() { return webRtcAnswer; }
  void webRtcAnswer(String sdp) { this.webRtcAnswer = sdp; }
  boolean webRtc() { return webRtcAnswer != null; }

  /** The address we present to this leg in Contact and SDP when it is not the gateway's own, else null. */
  String localAddress() { return localAddress; }
  void localAddress(String address) { this.localAddress = address; }

  /** How call control drives this leg; also the leg's {@link Leg#endpoint()}. */
  SipEndpoint endpoint() { return endpoint; }
  void endpoint(SipEndpoint endpoint) {
    this.endpoint = endpoint;
    leg.endpoint(endpoint);
  }

  @Override
  public String toString() {
    return "SIP " + leg.direction().wireName() + " " + sipCallId;
  }
}
