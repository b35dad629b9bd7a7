package io.voicegateway.bus;

/**
 * Every event-bus address the verticles use. Control travels over the bus; per-frame audio does not
 * (see docs/architecture.md), except the external 16 kHz feed for consumers.
 */
public final class Addresses {
  private Addresses() {}

  /** Published {@link CallEvent}s: CALL_STARTED … AUDIO_STOPPED. */
  public static final String CALL_EVENTS = "vg.call.events";

  /** Request {@link MediaCommands.LegOpen}, reply {@link MediaCommands.LegOpened}; fails with 503 when the port pool is empty. */
  public static final String MEDIA_LEG_OPEN = "vg.media.leg.open";
  /**
   * Send {@link MediaCommands.LegStart}: negotiated codec, remote address, direction. Re-sent on re-INVITE. The
   * media side replies with the same LegStart once the leg runs: a UAS answer waits for that reply.
   */
  public static final String MEDIA_LEG_START = "vg.media.leg.start";
  /** Send {@link MediaCommands.LegClose}: stop a leg and give its ports back to the pool. */
  public static final String MEDIA_LEG_CLOSE = "vg.media.leg.close";
  /**
   * Send {@link MediaCommands.LegMove}: a leg leaves one call's mix for another's (an attended transfer joins
   * the remaining parties of two calls). The old call's media ends when it has no leg left.
   */
  public static final String MEDIA_LEG_MOVE = "vg.media.leg.move";
  /**
   * Send (or request) {@link MediaCommands.AppAttach}: attach an app of the catalog to a call in the mixer;
   * reply the same AppAttach; fails 404 for an app the catalog does not have.
   */
  public static final String APPS_ATTACH = "vg.apps.attach";
  /** Request {@link AppQueries.ListQuery}, reply {@link AppQueries.AppList}: the apps of the catalog. */
  public static final String APPS_LIST = "vg.apps.list";
  /** Send {@link MediaCommands.DtmfSend}: generate RFC 4733 digits toward a leg. */
  public static final String MEDIA_DTMF_SEND = "vg.media.dtmf.send";

  /**
   * Request with a call id (String; empty for every leg), reply a JSON array of per-leg media statistics:
   * {@code {callId, legId, codec, rtpPort, packetsReceived, packetsLost, jitterMs, level, packetsSent, …}}.
   * Answered by the media side from the shared engine, for the REST API and the dashboard.
   */
  public static final String MEDIA_STATS = "vg.media.stats";

  /**
   * Request a {@link HistoryQuery}, reply a {@link HistoryPage} of finished calls, newest first; fails 500 when
   * the database does. Answered by the history verticle.
   */
  public static final String HISTORY_QUERY = "vg.history.query";

  /*
   * Call control for the edges. These requests are named by what they do, not by who serves them (today the SIP
   * verticle's sip/ControlBusApi), so moving the server to another package or node renames nothing. Failure
   * codes are HTTP statuses (see CallCommands): the REST API passes them on unchanged.
   */

  /**
   * Request {@link SipCommands.Hangup}, reply {@link CallCommands.Done}: the gateway ends a call with BYE, or
   * CANCEL while it is still being set up (API, bridges, media timeouts); fails 404 for an unknown call.
   */
  public static final String SIP_HANGUP = "vg.sip.hangup";
  /**
   * Request {@link SipCommands.Transfer}, reply {@link CallCommands.Transferred}: the gateway REFERs the call's
   * first SIP leg to a target (blind transfer); the reply has the REFER's final status. CALL_TRANSFERRED follows
   * the 2xx.
   */
  public static final String SIP_TRANSFER = "vg.sip.transfer";
  /** Request {@link CallCommands.Originate}, reply {@link CallCommands.Originated} once the callee answered. */
  public static final String CALL_ORIGINATE = "vg.calls.originate";
  /** Request {@link CallCommands.ClickToCall}, reply {@link CallCommands.Originated} once the device answered. */
  public static final String CALL_CLICK_TO_CALL = "vg.calls.click-to-call";
  /** Request {@link CallCommands.Hold}, reply {@link CallCommands.Done} once the re-INVITE succeeded. */
  public static final String CALL_HOLD = "vg.calls.hold";
  /** Request {@link CallCommands.Resume}, reply {@link CallCommands.Done} once the re-INVITE succeeded. */
  public static final String CALL_RESUME = "vg.calls.resume";
  /**
   * Request {@link CallCommands.SendDigits}, reply {@link CallCommands.Done} once the media side took the digits:
   * call control picks the party that hears them (the first one talking that is not an app); 404 unknown call,
   * 409 nobody talking yet or no telephone-event negotiated.
   */
  public static final String CALL_DTMF = "vg.calls.dtmf";
  /** Request {@link DeviceQueries.BindingsQuery}, reply {@link DeviceQueries.Bindings}. */
  public static final String DEVICE_BINDINGS = "vg.devices.bindings";
  /** Request {@link DeviceQueries.QualifyQuery}, reply {@link DeviceQueries.QualifyStatuses}. */
  public static final String DEVICE_QUALIFY = "vg.devices.qualify";
  /** Request {@link TrunkQueries.StatesQuery}, reply {@link TrunkQueries.States}. */
  public static final String TRUNK_STATES = "vg.trunks.states";
  /**
   * Request {@link CallQueries.ActiveCallsQuery} (a call id, or null for every call); reply
   * {@link CallQueries.ActiveCalls}, the active calls with their legs, empty when the call is unknown.
   */
  public static final String SIP_CALLS = "vg.sip.calls";
  /**
   * Request with a call id (the gateway's, or a SIP Call-ID), reply a JSON array of the SIP messages recorded
   * for its legs, oldest first: {@code {time, direction, from, to, firstLine, sipCallId, message}}; fails with
   * 404 when nothing is known of it. Served by the SIP verticle (sip/trace), for the dashboard's ladder.
   */
  public static final String SIP_TRACE = "vg.sip.trace";
  /** Published {@link TrunkRegistrationEvent}s: a trunk registration changed state. */
  public static final String TRUNK_REGISTRATION_EVENTS = "vg.trunk.registration.events";

  /**
   * Request {@link SipCommands.Stream}: start or stop a call's audio feed. Reply: JSON {@code {callId,
   * streaming, address}}; fails 404 for an unknown call.
   */
  public static final String SIP_STREAM = "vg.sip.stream";
  /** Request {@link MediaCommands.StreamStart}; reply Boolean: true when the feed was not running yet. */
  public static final String MEDIA_STREAM_START = "vg.media.stream.start";
  /** Request {@link MediaCommands.StreamStop}; reply Boolean: true when a feed was running. */
  public static final String MEDIA_STREAM_STOP = "vg.media.stream.stop";
  /** Prefix of the per-call audio feed addresses; see {@link #audio(String)}. */
  public static final String AUDIO_PREFIX = "vg.audio.";

  /** Bridge commands (JSON bodies, see docs/event-bus.md): hang up a call. */
  public static final String COMMAND_HANGUP = "vg.command.hangup";
  /** Bridge commands (JSON bodies, see docs/event-bus.md): start or stop a call's audio feed. */
  public static final String COMMAND_STREAM = "vg.command.stream";
  /** Bridge commands (JSON bodies, see docs/event-bus.md): put a call on hold (re-INVITE). */
  public static final String COMMAND_HOLD = "vg.command.hold";
  /** Bridge commands (JSON bodies, see docs/event-bus.md): take a call off hold (re-INVITE). */
  public static final String COMMAND_RESUME = "vg.command.resume";
  /** Bridge commands (JSON bodies, see docs/event-bus.md): send RFC 4733 digits into a call. */
  public static final String COMMAND_DTMF = "vg.command.dtmf";
  /** Bridge commands (JSON bodies, see docs/event-bus.md): blind-transfer a call (REFER) to a SIP URI. */
  public static final String COMMAND_TRANSFER = "vg.command.transfer";
  /** Bridge commands (JSON bodies, see docs/event-bus.md): start or stop recording a call. */
  public static final String COMMAND_RECORDING = "vg.command.recording";

  // ivr10: IVR hand-off
  /**
   * Request {@link CallCommands.HandOff}, reply {@link CallCommands.HandedOff} once the new party answered or
   * failed: an app (the IVR) hands its call to a phone, a number or a stream; served by call control
   * (control.policy.AppHandOff). Never fails for a party that did not answer: the status says why.
   */
  public static final String CALL_HAND_OFF = "vg.calls.hand-off";
  /* Voicemail (vm10): served by the voicemail app in the apps verticle; failures are HTTP statuses. */

  /** Published {@link VoicemailMessages.Received}: a message was stored. Bridges let it out. */
  public static final String VOICEMAIL_EVENTS = "vg.voicemail.events";
  /** Request {@link VoicemailMessages.BoxesQuery}, reply {@link VoicemailMessages.Boxes}. */
  public static final String VOICEMAIL_BOXES = "vg.voicemail.boxes";
  /** Request {@link VoicemailMessages.MessagesQuery}, reply {@link VoicemailMessages.Messages}; 404 unknown box. */
  public static final String VOICEMAIL_MESSAGES = "vg.voicemail.messages";
  /**
   * Request {@link VoicemailMessages.MessageRef}, reply a Buffer: the message's WAV file (16 kHz mono PCM16, at most
   * a few MB for the longest message); 404 unknown box or message.
   */
  public static final String VOICEMAIL_AUDIO = "vg.voicemail.audio";
  /** Request {@link VoicemailMessages.MessageRef}, reply {@link CallCommands.Done}: file and index entry gone. */
  public static final String VOICEMAIL_DELETE = "vg.voicemail.delete";
  /** Request {@link VoicemailMessages.MessageRef}, reply {@link CallCommands.Done}: the message is heard. */
  public static final String VOICEMAIL_HEARD = "vg.voicemail.heard";
  // Call recording (rec10); bodies in RecordingCommands.
  /** Request {@link RecordingCommands.Record} (the API's start/stop), reply {@link RecordingCommands.Recording}. */
  public static final String CALL_RECORDING = "vg.calls.recording";
  /** Request {@link RecordingCommands.Start}, reply {@link RecordingCommands.Started}; served by the recorder. */
  public static final String MEDIA_RECORDING_START = "vg.media.recording.start";
  /** Request {@link RecordingCommands.Stop}, reply {@link RecordingCommands.Stopped}; served by the recorder. */
  public static final String MEDIA_RECORDING_STOP = "vg.media.recording.stop";
  /** Request {@link RecordingCommands.FileQuery}, reply {@link RecordingCommands.File}; served by the history. */
  public static final String HISTORY_RECORDING = "vg.history.recording";

  /** Where a call's 16 kHz feed is published (Buffers: header + PCM16, see docs/event-bus.md). */
  public static String audio(String callId) {
    return AUDIO_PREFIX + callId;
  }

  /*
   * conf10: three-way calling (answered by call control, see CallCommands) and conference rooms (answered by the
   * conference app on the apps verticle, see ConferenceCommands).
   */

  /**
   * Request {@link CallCommands.AddLeg}, reply {@link CallCommands.LegAdded} once the new party answered; 404 unknown
   * call or no route, 403 the route is not for this call's parties, 409 the call is not connected or nobody to ring,
   * 502 the party refused, 504 no answer.
   */
  public static final String CALL_LEGS_ADD = "vg.calls.legs.add";
  /** Request {@link CallCommands.DropLeg}, reply {@link CallCommands.Done}; 404 unknown call or leg, 409 not connected. */
  public static final String CALL_LEGS_DROP = "vg.calls.legs.drop";
  /** Request {@link ConferenceCommands.RoomsQuery}, reply {@link ConferenceCommands.Rooms}. */
  public static final String CONFERENCES_LIST = "vg.conferences.list";
  /** Request {@link ConferenceCommands.RoomQuery}, reply {@link ConferenceCommands.Room}; 404 unknown room. */
  public static final String CONFERENCES_ROOM = "vg.conferences.room";
  /** Request {@link ConferenceCommands.Mute}, reply {@link ConferenceCommands.Room}; 404 unknown room or member. */
  public static final String CONFERENCES_MUTE = "vg.conferences.mute";
  /** Request {@link ConferenceCommands.Kick}, reply {@link CallCommands.Done}; 404 unknown room or member. */
  public static final String CONFERENCES_KICK = "vg.conferences.kick";

  /*
   * issue 11: browser calls over WebRTC (see WebRtcCommands). Media is served by transport, signalling by the browser
   * leg kind on call control's context.
   */

  /** Request {@link WebRtcCommands.MediaOffer}, reply {@link WebRtcCommands.MediaAnswer}; 400 bad offer, 409 leg open, 503 no port. */
  public static final String MEDIA_WEBRTC_OPEN = "vg.media.webrtc.open";
  /** Request {@link WebRtcCommands.MediaReoffer}, reply {@link WebRtcCommands.MediaAnswer}; 400 bad offer, 404 no such leg. */
  public static final String MEDIA_WEBRTC_REOFFER = "vg.media.webrtc.reoffer";
  /** Request {@link WebRtcCommands.OfferRequest}, reply {@link WebRtcCommands.OwnOffer}; 409 leg open, 503 no port. */
  public static final String MEDIA_WEBRTC_MAKE_OFFER = "vg.media.webrtc.make-offer";
  /** Request {@link WebRtcCommands.PeerAnswer}, reply {@link WebRtcCommands.AnswerAccepted}; 488 answer refused (the leg closed), 404 no offered leg. */
  public static final String MEDIA_WEBRTC_ACCEPT_ANSWER = "vg.media.webrtc.accept-answer";
  /** Publish {@link WebRtcCommands.MediaState}: a browser leg's transport connected, failed or lost consent. */
  public static final String MEDIA_WEBRTC_EVENTS = "vg.media.webrtc.events";
  /** Request {@link WebRtcCommands.PhoneRegister}, reply {@link WebRtcCommands.PhoneRegistered}; 403, 404 no such device. */
  public static final String WEBRTC_REGISTER = "vg.webrtc.register";
  /** Request {@link WebRtcCommands.PhoneCall}, reply {@link WebRtcCommands.PhoneCallCreated} (step 1). */
  public static final String WEBRTC_CALL = "vg.webrtc.call";
  /** Request {@link WebRtcCommands.SessionOffer}, reply {@link WebRtcCommands.SessionAnswer} (step 2). */
  public static final String WEBRTC_OFFER = "vg.webrtc.offer";
  /** Request {@link WebRtcCommands.SessionLink}, reply {@link WebRtcCommands.SessionLinked} (step 3). */
  public static final String WEBRTC_LINK = "vg.webrtc.link";
  /** Request {@link WebRtcCommands.SessionClose}, reply the same; 404 unknown session, 403 not the owner's. */
  public static final String WEBRTC_CLOSE = "vg.webrtc.close";
  /** Request {@link WebRtcCommands.PhoneDecline}, reply the same; 404 not ringing this phone. */
  public static final String WEBRTC_DECLINE = "vg.webrtc.decline";
  /** Send {@link WebRtcCommands.PhoneGone}: a page's socket closed. */
  public static final String WEBRTC_GONE = "vg.webrtc.gone";
  private static final String PHONE_PREFIX = "vg.webrtc.phone.";

  /** Where {@link WebRtcCommands.PhoneEvent}s for one page's socket ({@code owner}) are sent. */
  public static String phone(String owner) {
    return PHONE_PREFIX + owner;
  }

  /* issue 12: the feed's back channel, a playback leg in the call's mixer (see PlaybackCommands). */

  /** Request {@link PlaybackCommands.Open}, reply {@link PlaybackCommands.Opened}; 404 no call media, 409 id in use, 400 rate. */
  public static final String PLAYBACK_OPEN = "vg.media.playback.open";
  /** Request {@link PlaybackCommands.Mark}, reply the same once queued; 404 no such playback. */
  public static final String PLAYBACK_MARK = "vg.media.playback.mark";
  /** Request {@link PlaybackCommands.Clear}, reply {@link PlaybackCommands.Cleared}; 404 no such playback. */
  public static final String PLAYBACK_CLEAR = "vg.media.playback.clear";
  /** Request {@link PlaybackCommands.Close}, reply {@link PlaybackCommands.Closed}; 404 no such playback. */
  public static final String PLAYBACK_CLOSE = "vg.media.playback.close";
  /** Publish {@link PlaybackCommands.MarkPlayed} and {@link PlaybackCommands.Closed}. */
  public static final String PLAYBACK_EVENTS = "vg.media.playback.events";
  private static final String PLAYBACK_PREFIX = "vg.media.playback.audio.";

  /** Where a playback's audio is sent: Buffers of PCM16 LE mono at its rate, any length. */
  public static String playback(String playbackId) {
    return PLAYBACK_PREFIX + playbackId;
  }

  /* issue 12: named WebSocket streams started by the API, an IVR or a bridge (see StreamCommands). */

  /** Request {@link StreamCommands.Start}, reply {@link StreamCommands.Started}; 400, 404, 409, 502, 503. */
  public static final String STREAM_START = "vg.stream.start";
  /** Request {@link StreamCommands.Stop}, reply the same; 404 no such stream on the call. */
  public static final String STREAM_STOP = "vg.stream.stop";
  /** Request {@link StreamCommands.Query}, reply {@link StreamCommands.Streams}. */
  public static final String STREAM_QUERY = "vg.stream.query";

  /* issue 14: reloading the configuration (ConfigCommands). */

  /** Request {@link ConfigCommands.Reload}, reply {@link ConfigCommands.Reloaded} (also when INVALID); 409 no file. */
  public static final String CONFIG_RELOAD = "vg.config.reload";
  /** Publish {@link ConfigCommands.Reloaded} ({@code CONFIG_RELOADED}) after every reload. */
  public static final String CONFIG_EVENTS = "vg.config.events";

  /*
   * issue 15: cluster mode (see docs/scale-out.md). The gateway's own bus stays local to its node; the cluster
   * package serves these local addresses for the edges and carries the requests to other nodes over a clustered bus.
   * Their headers: {@code address} the local address the request is for, {@code callId} the call it acts on,
   * {@code timeout} the sender's timeout in ms.
   */

  /** Request any call-scoped control body: passed on to {@code address} on the node that owns {@code callId}. */
  public static final String CLUSTER_ROUTE = "vg.cluster.route";
  /**
   * Request a listing body ({@link CallQueries.ActiveCallsQuery}, or the String of {@link #MEDIA_STATS}): asked of
   * {@code address} on every node; the reply merges theirs (calls, or JSON arrays, concatenated).
   */
  public static final String CLUSTER_GATHER = "vg.cluster.gather";
  /**
   * Request a call id (String), reply JSON {@code {callId, node, name, local}}: the Vert.x node id of the call's owner,
   * its name and whether it is this node; 404 when the cluster does not know the call (cluster mode; see
   * {@link CallBus#owner}).
   */
  public static final String CLUSTER_OWNER = "vg.cluster.owner";
  /**
   * Published {@link CallEvent}s of the calls other nodes hold, each stamped with its owner's {@code node}: the cluster
   * part re-publishes them here, never on {@link #CALL_EVENTS}, so that only the edges that show every node's calls
   * (the dashboard's socket, the bridges' clients who register here) hear them; history, recording, apps, streams and
   * media listen to {@link #CALL_EVENTS} and hear their own node's calls only. Nothing is published here with
   * clustering off.
   */
  public static final String CLUSTER_CALL_EVENTS = "vg.cluster.call.events";
  /** Published {@link VoicemailMessages.Received} of the other nodes, as {@link #CLUSTER_CALL_EVENTS}. */
  public static final String CLUSTER_VOICEMAIL_EVENTS = "vg.cluster.voicemail.events";
  /** Request anything, reply JSON {@code {nodeId, name, nodes, calls}}: this node's view of the cluster (cluster mode). */
  public static final String NODE_STATUS = "vg.node.status";
  /**
   * Request a Boolean (true: drain, false: take calls again; the empty String: only ask), reply Boolean, whether the
   * node drains: a draining node answers OPTIONS with 503 so a dispatcher in front (Kamailio) sends new calls
   * elsewhere while the node's calls finish. Served by the SIP verticle.
   */
  public static final String NODE_DRAIN = "vg.node.drain";
  private static final String NODE_PREFIX = "vg.node.inbox.";

  /** A node's inbox on the clustered bus (not on a node's own bus). */
  public static String node(String nodeId) {
    return NODE_PREFIX + nodeId;
  }
}
