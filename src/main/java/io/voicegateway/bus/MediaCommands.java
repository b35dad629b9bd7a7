package io.voicegateway.bus;

import io.voicegateway.codec.CodecType;

/** Control messages between the SIP verticle and the media side (RTP pool, mixer, apps). */
public final class MediaCommands {
  private MediaCommands() {}

  /** Allocate an RTP/RTCP port pair for a new SIP leg of a call. */
  public record LegOpen(String callId, String legId) {}

  /** The local RTP port (RTCP is rtpPort + 1) bound for the leg. */
  public record LegOpened(String legId, int rtpPort) {}

  /**
   * Start or update a leg's media after offer/answer. Re-sent whole on every renegotiation
   * (hold, resume, codec change); the media side swaps its pipeline.
   *
   * @param codec          the negotiated codec; on the wire its configuration name (g711-ulaw, g711-alaw, g722, opus)
   * @param payloadType    the PT both sides use for the codec (the offerer's number)
   * @param dtmfPayloadType telephone-event PT, or -1 when not negotiated
   * @param ptimeMs        the packetisation time we send with
   * @param direction      from our side's point of view; null means sendrecv
   */
  public record LegStart(
      String callId,
      String legId,
      String remoteHost,
      int remotePort,
      CodecType codec,
      int payloadType,
      int dtmfPayloadType,
      int ptimeMs,
      LegDirection direction) {}

  /** Stop a leg and give its ports back to the pool. */
  public record LegClose(String callId, String legId, String reason) {}

  /** Move a leg with its sockets and pipeline from one call's mix to another's. */
  public record LegMove(String fromCallId, String toCallId, String legId) {}

  /**
   * Attach an app (by its name in the catalog, e.g. "echo") to a call: the app gets a leg in the call's mix.
   * Fails 404 for an app the catalog does not have.
   *
   * @param argument     what the app is started with, e.g. the room of {@code conference NAME} or the box of a
   *                     voicemail; null for none
   * @param caller       the caller's From URI (display only: anyone can write it), or null
   * @param callerDevice the device id the caller authenticated as (digest), or null for a trunk or stranger: what
   *                     an app may trust, e.g. to open a voicemail box without a PIN
   * @param called       the call's To (what the caller dialled), or null
   */
  public record AppAttach(String callId, String app, String argument, String caller, String callerDevice,
      String called) {
    public AppAttach(String callId, String app) {
      this(callId, app, null);
    }

    public AppAttach(String callId, String app, String argument) {
      this(callId, app, argument, null, null, null);
    }
  }

  /** Generate RFC 4733 digits toward a leg. */
  public record DtmfSend(String callId, String legId, String digits) {}

  /**
   * Publish audio of the call on {@code address}, as {@code media.FeedFrame} Buffers every 20 ms.
   *
   * <p>Without {@code legId}: the call's feed, each leg's incoming audio (the call's legs now and later), one per
   * call. With {@code legId} (issue 12): one consumer's feed of that one leg, several per call told apart by their
   * address: {@code track} {@link #INBOUND} is the leg's incoming audio (what its party says), {@link #OUTBOUND}
   * the mix sent to it (what its party hears); for both, start two feeds on two addresses. Reply Boolean: false
   * when a feed already runs on that address (or for that leg and track); fails 404 no such leg, 400 bad rate or
   * track.
   *
   * <p>{@link #ARRIVAL} and {@link #ARRIVAL_MULAW} (issue 12's low-latency inbound track): the leg's packets as they
   * arrive, decoded and resampled one by one on the RTP thread, before the jitter buffer and the mixer's tick; a
   * late or duplicate packet is dropped and a gap is not waited for. One message per packet (as long as the packet,
   * 20 ms for most senders), the same {@code FeedFrame} header; the body is PCM16 little-endian at
   * {@code sampleRate}, or for {@link #ARRIVAL_MULAW} G.711 μ-law at 8000 Hz (a PCMU leg's payload bytes untouched).
   * A leg may feed several consumers so. With an explicit track ({@link #OUTBOUND}, {@link #ARRIVAL},
   * {@link #ARRIVAL_MULAW}), a null {@code legId} means the call's first leg: the caller's, for a call that came in.
   *
   * @param sampleRate 8000, 16000 or 48000; 0 for {@code media.output_sample_rate} (8000 for ARRIVAL_MULAW, which
   *                   takes no other)
   * @param track      {@link #INBOUND} (also when null), {@link #OUTBOUND}, {@link #ARRIVAL} or
   *                   {@link #ARRIVAL_MULAW}
   */
  public record StreamStart(String callId, String address, String legId, int sampleRate, String track) {
    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";
    public static final String ARRIVAL = "arrival";
    public static final String ARRIVAL_MULAW = "arrival-mulaw";

    /** The call's feed of every leg's incoming audio at the output rate. */
    public StreamStart(String callId, String address) {
      this(callId, address, null, 0, null);
    }
  }

  /** Stop the call's audio feed ({@code address} null), or the one-leg feed on {@code address}. */
  public record StreamStop(String callId, String address) {
    public StreamStop(String callId) {
      this(callId, null);
    }
  }
}
