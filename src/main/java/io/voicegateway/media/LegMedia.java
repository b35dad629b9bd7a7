package io.voicegateway.media;

import io.voicegateway.media.dtmf.DtmfDigits;
import io.voicegateway.media.fax.FaxWatch;
import io.voicegateway.media.jitter.AudioReceiver;
import io.voicegateway.media.rtp.ReceiveStats;
import io.voicegateway.media.rtp.RtpPacket;
import io.voicegateway.media.rtp.RtpPacketizer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One SIP leg's media: a stable identity (call, leg, RTP port, outgoing SSRC/sequence/timestamp) around a
 * {@link LegPipeline} that is replaced whole on every renegotiation.
 *
 * <p>Threads: {@link #onRtp} runs on the leg socket's event loop; {@link #pull}/{@link #push} on the
 * mixer thread; {@link #start}, {@link #queueDtmf} and {@link #tap} from any thread. Nothing is shared
 * between these except through volatile references and a queue, and steady state allocates nothing.
 */
public final class LegMedia implements MixerLeg {
  private volatile String callId; // changes only when an attended transfer moves the leg
  private final String legId;
  private final int rtpPort;
  private final RtpPacketizer packetizer = RtpPacketizer.random();
  private final ConcurrentLinkedQueue<String> dtmfToSend = new ConcurrentLinkedQueue<>();
  private volatile LegPipeline pipeline;
  private volatile LegTransport transport;
  private volatile PacketSender sender = PacketSender.NONE;
  private volatile AudioTap tap;
  private volatile AudioTap recordTap;
  private volatile AudioTap streamTap; // one consumer's feed of this leg's incoming audio (issue 12)
  private volatile HeardTap heardTap; // one consumer's feed of what this leg hears
  private volatile ArrivalTap[] arrivalTaps = new ArrivalTap[0]; // consumers of its packets as they arrive
  private volatile boolean closed;
  private volatile FaxWatch fax; // the call's fax switch watches this leg (issue 13); null when it does not
  private volatile String faxMode; // "passthrough" or "transcoding" once a fax tone was heard in the call
  private boolean wasListening; // mixer thread
  /** The remote source's RFC 3550 statistics, for the life of the leg (across renegotiations). */
  private final ReceiveStats receiveStats = new ReceiveStats();
  // Written by the RTP thread only, read anywhere (volatile + single writer = exact).
  private volatile long invalidPackets;
  private volatile long unknownPayloadTypes;
  private volatile long droppedOnHold;
  // Written by the mixer thread once per frame, read by the API: the RMS of the last incoming frame.
  private volatile float level;

  public LegMedia(String callId, String legId, int rtpPort) {
    this.callId = callId;
    this.legId = legId;
    this.rtpPort = rtpPort;
  }

  public String callId() {
    return callId;
  }

  /** The leg now belongs to {@code callId} (see {@link MediaEngine#moveLeg}). */
  void callId(String callId) {
    this.callId = callId;
  }

  public String legId() {
    return legId;
  }

  /** The local RTP port (RTCP on + 1); 0 for a leg without a socket. */
  public int rtpPort() {
    return rtpPort;
  }

  /** Swaps in a freshly built pipeline (first start, hold, resume, codec change). */
  public void start(LegPipeline next) {
    LegPipeline previous = pipeline;
    if (previous == null || previous.config().codec() != next.config().codec()) {
      packetizer.talkspurt();
    }
    pipeline = next;
  }

  /** The current pipeline, or null before the first start. */
  public LegPipeline pipeline() {
    return pipeline;
  }

  /** Connects the leg to its sockets (the RTP verticle does, right after binding). */
  public void transport(LegTransport transport) {
    this.transport = transport;
    this.sender = transport == null ? PacketSender.NONE : transport;
  }

  public LegTransport transport() {
    return transport;
  }

  /** For legs without sockets and tests: where packets go. */
  public void sender(PacketSender sender) {
    this.sender = sender == null ? PacketSender.NONE : sender;
  }

  /** Attaches (or with null detaches) the 16 kHz tap of this leg's incoming audio. */
  public void tap(AudioTap tap) {
    this.tap = tap;
  }

  /** Attaches (or with null detaches) the call recorder's tap, beside the feed's {@link #tap}. */
  public void recordTap(AudioTap tap) {
    this.recordTap = tap;
  }

  public AudioTap recordTap() {
    return recordTap;
  }

  /** Attaches (or with null detaches) one consumer's feed of this leg's incoming audio (a stream's inbound track). */
  public void streamTap(AudioTap tap) {
    this.streamTap = tap;
  }

  public AudioTap streamTap() {
    return streamTap;
  }

  /** Attaches (or with null detaches) one consumer's feed of the mix this leg hears (a stream's outbound track). */
  public void heardTap(HeardTap tap) {
    this.heardTap = tap;
  }

  public HeardTap heardTap() {
    return heardTap;
  }

  /** Adds a consumer's tap of this leg's packets as they arrive, before the jitter buffer (a stream's inbound track). */
  public synchronized void addArrivalTap(ArrivalTap tap) {
    arrivalTaps = SnapshotArrays.plus(arrivalTaps, tap);
  }

  public synchronized void removeArrivalTap(ArrivalTap tap) {
    arrivalTaps = SnapshotArrays.minus(arrivalTaps, tap);
  }

  /** The arrival taps now (a snapshot). */
  public ArrivalTap[] arrivalTaps() {
    return arrivalTaps;
  }

  /** The attached tap, or null. */
  public AudioTap tap() {
    return tap;
  }

  /**
   * RTP thread: whether {@code payloadType} is one this leg negotiated (audio, comfort noise, telephone-event).
   * False, and counted, otherwise: such a packet must not take part in learning the source.
   */
  public boolean negotiated(int payloadType) {
    LegPipeline p = pipeline;
    if (p == null || closed) {
      return false;
    }
    LegConfig config = p.config();
    if (payloadType == config.payloadType() || payloadType == AudioReceiver.PT_COMFORT_NOISE
        || (payloadType == config.dtmfPayloadType() && config.dtmfPayloadType() >= 0)) {
      return true;
    }
    unknownPayloadTypes++;
    return false;
  }

  /**
   * RTP thread: hands one valid packet to the jitter buffer or the RFC 4733 receiver. Returns false when
   * the packet was not for this leg's negotiated media (unknown payload type, not started): counted and
   * dropped, and it must not latch or count as media.
   */
  public boolean onRtp(RtpPacket packet, long arrivalNanos) {
    LegPipeline p = pipeline;
    if (p == null || closed) {
      return false;
    }
    LegConfig config = p.config();
    int pt = packet.payloadType();
    boolean audio = pt == config.payloadType() || pt == AudioReceiver.PT_COMFORT_NOISE;
    boolean event = pt == config.dtmfPayloadType() && config.dtmfPayloadType() >= 0;
    if (!audio && !event) {
      unknownPayloadTypes++; // counted and dropped
      return false;
    }
    receiveStats.onPacket(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), arrivalNanos,
        config.codec().rtpClockRate());
    if (!config.receive()) {
      droppedOnHold++;
      return true;
    }
    // First, as the packet came: the arrival taps are the low-latency path; the jitter buffer's work can wait.
    ArrivalTap[] arrivals = arrivalTaps;
    for (ArrivalTap arrival : arrivals) {
      arrival.onPacket(config.codec(), packet.ssrc(), packet.sequenceNumber(), packet.buffer(),
          packet.payloadOffset(), packet.payloadLength(), audio && pt != AudioReceiver.PT_COMFORT_NOISE);
    }
    FaxWatch watch = fax;
    if (watch != null && audio) {
      watch.onPacket(pt, packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), packet.buffer(),
          packet.payloadOffset(), packet.payloadLength());
    }
    if (audio && (watch == null || !watch.relaying())) { // relayed payloads skip the jitter buffer
      p.receive().receiver().offer(packet.sequenceNumber(), packet.timestamp(), packet.ssrc(), pt,
          packet.buffer(), packet.payloadOffset(), packet.payloadLength(), arrivalNanos);
      if (p.dtmfIn() != null) {
        p.dtmfIn().onMediaTimestamp(packet.timestamp());
      }
    } else if (p.dtmfIn() != null) {
      p.dtmfIn().onPacket(packet.sequenceNumber(), packet.timestamp(), packet.marker(), packet.buffer(),
          packet.payloadOffset(), packet.payloadLength());
    }
    return true;
  }

  /** Mixer thread (the call's fax switch): watch this leg's payloads, or with null stop. */
  void fax(FaxWatch watch) {
    this.fax = watch;
  }

  void faxMode(String mode) {
    this.faxMode = mode;
  }

  /** Mixer thread: sends one relayed packet (fax pass-through) as the leg's own RTP. */
  void sendRelayed(byte[] buf, int len) {
    sender.send(buf, 0, len);
  }

  /** RTP thread: a datagram on the leg's port that is not valid RTP. */
  public void countInvalid() {
    invalidPackets++;
  }

  /**
   * Any thread: queues RFC 4733 digits toward the leg; the mixer sends them on its next ticks. False when
   * telephone-event was not negotiated or a character is not a DTMF digit.
   */
  public boolean queueDtmf(String digits) {
    LegPipeline p = pipeline;
    if (p == null || p.config().dtmfPayloadType() < 0 || digits == null || digits.isEmpty()
        || !DtmfDigits.isValid(digits)) {
      return false;
    }
    dtmfToSend.add(digits);
    return true;
  }

  @Override
  public float[] pull() {
    LegPipeline p = pipeline;
    float[] frame = p == null || closed || !p.config().receive() ? null : p.receive().pull(legId, tap, recordTap,
        streamTap);
    level = frame == null ? 0f : Pcm.rms(frame, frame.length);
    return frame;
  }

  /** The codec's rate (8, 16 or 48 kHz): this leg's frames are at it; 0 before the first start. */
  @Override
  public int mixRate() {
    LegPipeline p = pipeline;
    return p == null ? 0 : p.sampleRate();
  }

  /** RMS (0..1) of the last 20 ms frame the mixer took from this leg; 0 while nothing arrives. */
  public float level() {
    return level;
  }

  @Override
  public void push(float[] mix) {
    LegPipeline p = pipeline;
    if (p == null) {
      return;
    }
    if (!wasListening) {
      wasListening = true;
      packetizer.talkspurt();
    }
    for (String digits = dtmfToSend.poll(); digits != null; digits = dtmfToSend.poll()) {
      p.send().queueDtmf(digits);
    }
    p.send().push(mix, packetizer, sender);
    HeardTap heard = heardTap;
    if (heard != null) {
      heard.onMix(legId, mix);
    }
  }

  @Override
  public boolean listening() {
    LegPipeline p = pipeline;
    boolean listening = p != null && !closed && p.config().send();
    if (!listening) {
      wasListening = false;
    }
    return listening;
  }

  /** Stops the leg and closes its sockets. Idempotent. */
  public void close() {
    closed = true;
    LegTransport t = transport;
    if (t != null) {
      t.close();
    }
  }

  public boolean closed() {
    return closed;
  }

  public RtpPacketizer packetizer() {
    return packetizer;
  }

  /**
   * The remote source's RFC 3550 receive statistics: what RTCP reports, the API shows and the metrics count.
   * Written on the RTP thread.
   */
  public ReceiveStats receiveStats() {
    return receiveStats;
  }

  public LegStats stats() {
    LegPipeline p = pipeline;
    return new LegStats(callId, legId, rtpPort, p == null ? null : p.config().codec().configName(),
        receiveStats.received(), invalidPackets, unknownPayloadTypes, droppedOnHold,
        Math.max(0, receiveStats.cumulativeLost()), receiveStats.jitterMs(), packetizer.packets(),
        packetizer.octets(), level, faxMode);
  }

  @Override
  public String toString() {
    return "Leg " + legId + " [" + pipeline + "]";
  }
}
