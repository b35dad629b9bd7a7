package io.voicegateway.bus;

import io.vertx.core.Vertx;
import java.util.List;

/**
 * Registers {@link JsonRecordCodec} as the default codec of every message record, so each crosses a cluster or a
 * bridge in its JSON form and stays a plain reference in one JVM. A new message record must be added to
 * {@link #TYPES}; {@code BusCodecsRoundTripTest} fails until it has a sample that survives the wire.
 */
public final class BusCodecs {
  /** Every record that travels on the bus as a body or a reply. */
  public static final List<Class<? extends Record>> TYPES = List.of(
      CallEvent.class,
      TrunkRegistrationEvent.class,
      MediaCommands.LegOpen.class,
      MediaCommands.LegOpened.class,
      MediaCommands.LegStart.class,
      MediaCommands.LegClose.class,
      MediaCommands.LegMove.class,
      MediaCommands.AppAttach.class,
      MediaCommands.DtmfSend.class,
      MediaCommands.StreamStart.class,
      MediaCommands.StreamStop.class,
      SipCommands.Hangup.class,
      SipCommands.Transfer.class,
      SipCommands.Stream.class,
      CallCommands.Originate.class,
      CallCommands.ClickToCall.class,
      CallCommands.Originated.class,
      CallCommands.Hold.class,
      CallCommands.Resume.class,
      CallCommands.SendDigits.class,
      CallCommands.Done.class,
      CallCommands.Transferred.class,
      DeviceQueries.BindingsQuery.class,
      DeviceQueries.Bindings.class,
      DeviceQueries.QualifyQuery.class,
      DeviceQueries.QualifyStatuses.class,
      CallQueries.ActiveCallsQuery.class,
      CallQueries.ActiveCalls.class,
      TrunkQueries.StatesQuery.class,
      TrunkQueries.States.class,
      AppQueries.ListQuery.class,
      AppQueries.AppList.class,
      HistoryQuery.class,
      HistoryPage.class,
      CallCommands.HandOff.class,
      CallCommands.HandedOff.class,
      VoicemailMessages.BoxesQuery.class,
      VoicemailMessages.Boxes.class,
      VoicemailMessages.MessagesQuery.class,
      VoicemailMessages.Messages.class,
      VoicemailMessages.MessageRef.class,
      VoicemailMessages.Received.class,
      CallCommands.AddLeg.class,
      CallCommands.LegAdded.class,
      CallCommands.DropLeg.class,
      ConferenceCommands.RoomsQuery.class,
      ConferenceCommands.RoomQuery.class,
      ConferenceCommands.Mute.class,
      ConferenceCommands.Kick.class,
      ConferenceCommands.Room.class,
      ConferenceCommands.Rooms.class,
      RecordingCommands.Record.class,
      RecordingCommands.Recording.class,
      RecordingCommands.Start.class,
      RecordingCommands.Started.class,
      RecordingCommands.Stop.class,
      RecordingCommands.Stopped.class,
      RecordingCommands.FileQuery.class,
      RecordingCommands.File.class,
      WebRtcCommands.MediaOffer.class,
      WebRtcCommands.MediaAnswer.class,
      WebRtcCommands.MediaReoffer.class,
      WebRtcCommands.OfferRequest.class,
      WebRtcCommands.OwnOffer.class,
      WebRtcCommands.PeerAnswer.class,
      WebRtcCommands.AnswerAccepted.class,
      WebRtcCommands.MediaState.class,
      WebRtcCommands.PhoneRegister.class,
      WebRtcCommands.PhoneRegistered.class,
      WebRtcCommands.PhoneCall.class,
      WebRtcCommands.PhoneCallCreated.class,
      WebRtcCommands.SessionOffer.class,
      WebRtcCommands.SessionAnswer.class,
      WebRtcCommands.SessionLink.class,
      WebRtcCommands.SessionLinked.class,
      WebRtcCommands.SessionClose.class,
      WebRtcCommands.PhoneDecline.class,
      WebRtcCommands.PhoneGone.class,
      WebRtcCommands.PhoneEvent.class,
      PlaybackCommands.Open.class,
      PlaybackCommands.Opened.class,
      PlaybackCommands.Mark.class,
      PlaybackCommands.Clear.class,
      PlaybackCommands.Cleared.class,
      PlaybackCommands.Close.class,
      PlaybackCommands.MarkPlayed.class,
      PlaybackCommands.Closed.class,
      StreamCommands.Start.class,
      StreamCommands.Started.class,
      StreamCommands.Stop.class,
      StreamCommands.Query.class,
      ConfigCommands.Reload.class,
      ConfigCommands.Reloaded.class,
      StreamCommands.Streams.class);

  private BusCodecs() {}

  /** Call once per Vertx, before any verticle sends. */
  public static void registerAll(Vertx vertx) {
    TYPES.forEach(type -> register(vertx, type));
  }

  private static <T extends Record> void register(Vertx vertx, Class<T> type) {
    vertx.eventBus().registerDefaultCodec(type, new JsonRecordCodec<>(type));
  }
}
