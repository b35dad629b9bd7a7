package io.voicegateway.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.voicegateway.codec.CodecType;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every message record crosses the wire and comes back equal; the published JSON names stay as documented. */
class BusCodecsRoundTripTest {
  private static final Map<String, String> HEADERS = Map.of("X-Customer-Id", "4711", "X-Campaign", "spring-sale");
  private static final TrunkRegistrationEvent TRUNK = new TrunkRegistrationEvent("sip:gw@carrier.example",
      TrunkState.REGISTERED, 1_795_327_981_000L, null, 0, "203.0.113.7:5060", 1_795_327_921_000L);
  private static final DeviceQueries.Binding BINDING = new DeviceQueries.Binding("alice", "sip:alice@10.0.0.5:5060",
      "198.51.100.4", 40_123, "udp", "sip:alice@198.51.100.4:40123", 57);

  private static final VoicemailMessages.Message VOICEMAIL =
      new VoicemailMessages.Message("m1", "sales", "sip:a@x", "c1", 1_000, 4_000, false);

  /** One sample per registered type, each with every field set (nulls only where the record allows them). */
  static final List<Record> SAMPLES = List.of(
      new CallEvent(CallEventType.DTMF_RECEIVED, "c1", CallDirection.INBOUND, "sip:a@x", "sip:echo@gw", "1-1@x",
          HEADERS, 1_795_327_921_123L, "5", 120, null),
      TRUNK,
      new MediaCommands.LegOpen("c1", "l1"),
      new MediaCommands.LegOpened("l1", 10_000),
      new MediaCommands.LegStart("c1", "l1", "192.0.2.1", 4000, CodecType.PCMU, 0, 101, 20, LegDirection.SENDONLY),
      new MediaCommands.LegClose("c1", "l1", "remote BYE"),
      new MediaCommands.LegMove("c1", "c2", "l1"),
      new MediaCommands.AppAttach("c1", "conference", "room-7"),
      new MediaCommands.DtmfSend("c1", "l1", "12#"),
      new MediaCommands.StreamStart("c1", "vg.audio.c1"),
      new MediaCommands.StreamStop("c1"),
      new MediaCommands.StreamStart("c1", "vg.stream.s1.in", "l1", 8000, MediaCommands.StreamStart.INBOUND),
      new MediaCommands.StreamStop("c1", "vg.stream.s1.in"),
      new SipCommands.Hangup("c1", "api hangup"),
      new SipCommands.Transfer("c1", "sip:carol@example.com"),
      new SipCommands.Stream("c1", true),
      new CallCommands.Originate("sip:bob@192.0.2.2", "echo", HEADERS),
      new CallCommands.ClickToCall("alice", "+4930123", HEADERS),
      new CallCommands.Originated("c1"),
      new CallCommands.Hold("c1"),
      new CallCommands.Resume("c1"),
      new CallCommands.SendDigits("c1", "12#"),
      new CallCommands.Done("c1"),
      new CallCommands.Transferred("c1", 202),
      new DeviceQueries.BindingsQuery("101"),
      new DeviceQueries.Bindings("101", List.of(BINDING), 1_795_327_000_000L),
      new DeviceQueries.QualifyQuery(),
      new DeviceQueries.QualifyStatuses(List.of(new DeviceQueries.Qualified(BINDING, false, 35, 3, 1_000, 2_000))),
      new CallQueries.ActiveCallsQuery("c1"),
      new CallQueries.ActiveCalls(List.of(new CallQueries.ActiveCall("c1", CallState.ON_HOLD, CallDirection.OUTBOUND,
          "sip:echo@gw", "sip:bob@192.0.2.7", CodecType.G722, "1-1@gw", 1_000L, 1_200L, 800, HEADERS, List.of(
              new CallQueries.ActiveLeg("l1", LegKind.SIP, "bob", CodecType.G722, true, 10_024, "1-1@gw"),
              new CallQueries.ActiveLeg("l2", LegKind.APP, "echo", null, false, 0, null))))),
      new TrunkQueries.StatesQuery(),
      new TrunkQueries.States(Map.of("carrier1", TRUNK)),
      new AppQueries.ListQuery(),
      new AppQueries.AppList(List.of("echo")),
      new HistoryQuery(1_000, 2_000, "4930", 2, 25),
      new HistoryPage(26, 2, 25, List.of(new HistoryEntry("c1", CallDirection.INBOUND, "sip:a@x", "sip:echo@gw", "1-1@x", 1_000,
          1_200, 5_200, 4_000, "remote BYE", List.of(new HistoryLeg(LegKind.SIP, "sip:a@x", CodecType.G722),
              new HistoryLeg(LegKind.APP, "echo", null)), List.of("menu main", "key 2"),
              "/data/recordings/2026-12-03/c1.wav", 3_900))),
      CallCommands.HandOff.ring("c1", List.of("alice", "bob"), 30_000),
      CallCommands.HandOff.number("c1", "+4930123", "carrier1", 60_000),
      CallCommands.HandOff.route("c1", "101", 30_000),
      CallCommands.HandOff.stream("c1", "asr"),
      new CallCommands.HandedOff("c1", 486),
      new VoicemailMessages.BoxesQuery(),
      new VoicemailMessages.Boxes(List.of(new VoicemailMessages.BoxSummary("sales", 1, 3))),
      new VoicemailMessages.MessagesQuery("sales"),
      new VoicemailMessages.Messages("sales", List.of(VOICEMAIL)),
      new VoicemailMessages.MessageRef("sales", "m1"),
      VoicemailMessages.Received.of(VOICEMAIL),
      new CallCommands.AddLeg("c1", "carol"),
      new CallCommands.LegAdded("c1", "l3"),
      new CallCommands.DropLeg("c1", "l3"),
      new WebRtcCommands.MediaOffer("c1", "l1", "v=0\r\n"),
      new WebRtcCommands.MediaAnswer("l1", 10000, "v=0\r\n", 111, 110),
      new WebRtcCommands.MediaReoffer("c1", "l1", "v=0\r\n"),
      new WebRtcCommands.OfferRequest("c1", "l1"),
      new WebRtcCommands.OwnOffer("l1", 10000, "v=0\r\n"),
      new WebRtcCommands.PeerAnswer("c1", "l1", "v=0\r\n"),
      new WebRtcCommands.AnswerAccepted("l1", "OPUS", 111, 110),
      new WebRtcCommands.MediaState("c1", "l1", WebRtcCommands.TransportState.CONSENT_LOST, "no STUN for 30 s"),
      new WebRtcCommands.PhoneRegister("o1", "alice", "secret"),
      new WebRtcCommands.PhoneRegistered("o1", "alice"),
      new WebRtcCommands.PhoneCall("o1", "echo", Map.of("X-Tag", "1")),
      new WebRtcCommands.PhoneCallCreated("c1"),
      new ConfigCommands.Reload("api"),
      new ConfigCommands.Reloaded(ConfigCommands.Reloaded.TYPE, "INVALID", "SIGHUP",
          List.of(new ConfigCommands.Problem("routes[2].match", "not a valid pattern")), List.of("devices: +carol"),
          List.of("media.sip_port"), 1_795_327_921_000L),
      new WebRtcCommands.SessionOffer("o1", "s1", "v=0\r\n"),
      new WebRtcCommands.SessionAnswer("s1", "v=0\r\n"),
      new WebRtcCommands.SessionLink("o1", "s1", "c1"),
      new WebRtcCommands.SessionLinked("s1", "c1"),
      new WebRtcCommands.SessionClose("o1", "s1"),
      new WebRtcCommands.PhoneDecline("o1", "c1"),
      new WebRtcCommands.PhoneGone("o1"),
      new WebRtcCommands.PhoneEvent(WebRtcCommands.PhoneEventType.INCOMING, "c1", "alice", "bob", null),
      new PlaybackCommands.Open("c1", "p1", 8000, 10000),
      new PlaybackCommands.Opened("c1", "p1"),
      new PlaybackCommands.Mark("p1", "greeting-done"),
      new PlaybackCommands.Clear("p1"),
      new PlaybackCommands.Cleared("p1", List.of("m1", "m2")),
      new PlaybackCommands.Close("p1"),
      new PlaybackCommands.MarkPlayed("c1", "p1", "m1"),
      new PlaybackCommands.Closed("c1", "p1", 150, 3),
      new StreamCommands.Start("c1", "bot", Map.of("lang", "en")),
      new StreamCommands.Started("c1", "bot", "MZ1"),
      new StreamCommands.Stop("c1", "MZ1"),
      new StreamCommands.Query("c1"),
      new StreamCommands.Streams("c1", List.of(new StreamCommands.Started("c1", "bot", "MZ1"))),
      new ConferenceCommands.RoomsQuery(),
      new ConferenceCommands.RoomQuery("sales"),
      new ConferenceCommands.Mute("sales", "c1", true),
      new ConferenceCommands.Kick("sales", "c1"),
      new ConferenceCommands.Room("sales", true, true, 10, List.of(
          new ConferenceCommands.Participant("c1", "sip:a@x", "alice", 1_000, false))),
      new ConferenceCommands.Rooms(List.of(new ConferenceCommands.Room("ad-hoc", false, false, 0, List.of()))),
      new RecordingCommands.Record("c1", true),
      new RecordingCommands.Recording("c1", true, "/data/recordings/2026-12-03/c1.wav"),
      new RecordingCommands.Start("c1", "l1"),
      new RecordingCommands.Started("c1", "/data/recordings/2026-12-03/c1.wav", false),
      new RecordingCommands.Stop("c1", true),
      new RecordingCommands.Stopped("c1", "/data/recordings/2026-12-03/c1.wav", 3_900),
      new RecordingCommands.FileQuery("c1"),
      new RecordingCommands.File("c1", "/data/recordings/2026-12-03/c1.wav"));

  @Test
  void everyRegisteredTypeHasASample() {
    Set<Class<?>> sampled = SAMPLES.stream().map(Object::getClass).collect(Collectors.toSet());
    assertEquals(Set.copyOf(BusCodecs.TYPES), sampled);
  }

  @Test
  void everySampleSurvivesTheWire() {
    for (Record sample : SAMPLES) {
      Record back = roundTrip(sample);
      assertNotSame(sample, back);
      assertEquals(sample, back, sample.getClass().getSimpleName());
    }
  }

  @Test
  void aWireFrameCanSitAfterOtherBytes() {
    // Vert.x hands decodeFromWire a position inside a larger buffer
    JsonRecordCodec<CallCommands.Hold> codec = new JsonRecordCodec<>(CallCommands.Hold.class);
    Buffer buffer = Buffer.buffer().appendString("header");
    codec.encodeToWire(buffer, new CallCommands.Hold("c9"));
    assertEquals(new CallCommands.Hold("c9"), codec.decodeFromWire(6, buffer));
  }

  @Test
  void inOneJvmTheRecordItselfIsDelivered() {
    CallCommands.Hold hold = new CallCommands.Hold("c1");
    assertSame(hold, new JsonRecordCodec<>(CallCommands.Hold.class).transform(hold));
  }

  @Test
  void callEventsKeepTheirPublishedJson() {
    CallEvent started = new CallEvent(CallEventType.CALL_STARTED, "c1", CallDirection.INBOUND, "sip:a@x",
        "sip:echo@gw", "1-1@x", Map.of("X-Customer-Id", "4711"), 1_795_327_921_123L, null, 0, null);
    JsonObject expected = new JsonObject().put("type", "CALL_STARTED").put("callId", "c1").put("direction", "inbound")
        .put("from", "sip:a@x").put("to", "sip:echo@gw").put("sipCallId", "1-1@x")
        .put("headers", new JsonObject().put("X-Customer-Id", "4711")).put("timestamp", 1_795_327_921_123L);
    assertEquals(expected, wireJson(started));
    assertEquals(expected, started.toJson());
    // the bridges encode bodies with Vert.x's own mapper: the same form
    assertEquals(expected, new JsonObject(Json.encode(started)));
    assertEquals(started, CallEvent.fromJson(expected));

    JsonObject dtmf = wireJson(SAMPLES.get(0));
    assertEquals("5", dtmf.getString("digit"));
    assertEquals(120, dtmf.getInteger("durationMs"));
    assertFalse(dtmf.containsKey("reason"));
    assertEquals("remote BYE", wireJson(started.next(CallEventType.CALL_TERMINATED, "remote BYE", 9))
        .getString("reason"));
  }

  @Test
  void typedFieldsTravelByTheirDocumentedNames() {
    JsonObject start = wireJson(SAMPLES.stream().filter(r -> r instanceof MediaCommands.LegStart).findFirst()
        .orElseThrow());
    assertEquals("g711-ulaw", start.getString("codec"));
    assertEquals("sendonly", start.getString("direction"));
    assertEquals(Json.CODEC.fromString("\"outbound\"", CallDirection.class), CallDirection.OUTBOUND);

    JsonObject call = wireJson(SAMPLES.stream().filter(r -> r instanceof CallQueries.ActiveCalls).findFirst()
        .orElseThrow()).getJsonArray("calls").getJsonObject(0);
    assertEquals("ON_HOLD", call.getString("state"));
    assertEquals("outbound", call.getString("direction"));
    assertEquals("g722", call.getString("codec"));
    assertEquals("sip", call.getJsonArray("legs").getJsonObject(0).getString("kind"));
    assertEquals("app", call.getJsonArray("legs").getJsonObject(1).getString("kind"));
    assertEquals("REGISTERED", wireJson(TRUNK).getString("state"));
    // trunk events also cross the bridges, written by Vert.x's own mapper: the same name
    assertEquals("REGISTERED", new JsonObject(Json.encode(TRUNK)).getString("state"));
  }

  @Test
  void anUnknownCodecNameIsRefusedNotGuessed() {
    JsonRecordCodec<MediaCommands.LegStart> codec = new JsonRecordCodec<>(MediaCommands.LegStart.class);
    byte[] json = "{\"callId\":\"c\",\"legId\":\"l\",\"codec\":\"g729\"}".getBytes();
    Buffer wire = Buffer.buffer().appendInt(json.length).appendBytes(json);
    assertThrows(UncheckedIOException.class, () -> codec.decodeFromWire(0, wire));
  }

  @Test
  void fieldsANewerSenderAddsAreIgnored() {
    JsonRecordCodec<CallCommands.Hold> codec = new JsonRecordCodec<>(CallCommands.Hold.class);
    byte[] json = "{\"callId\":\"c\",\"leg\":\"added later\"}".getBytes();
    assertEquals(new CallCommands.Hold("c"), codec.decodeFromWire(0,
        Buffer.buffer().appendInt(json.length).appendBytes(json)));
  }

  @Test
  void registersOneDefaultCodecPerType() {
    Vertx vertx = Vertx.vertx();
    try {
      BusCodecs.registerAll(vertx);
      // a second registration of any type would throw: each has exactly one
      assertThrows(IllegalStateException.class, () -> BusCodecs.registerAll(vertx));
    } finally {
      vertx.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Record> T roundTrip(T record) {
    JsonRecordCodec<T> codec = new JsonRecordCodec<>((Class<T>) record.getClass());
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, record);
    return codec.decodeFromWire(0, wire);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Record> JsonObject wireJson(T record) {
    JsonRecordCodec<T> codec = new JsonRecordCodec<>((Class<T>) record.getClass());
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, record);
    return new JsonObject(wire.getBuffer(4, wire.length()));
  }
}
