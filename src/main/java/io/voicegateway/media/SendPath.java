package io.voicegateway.media;

import io.voicegateway.media.codec.AudioEncoder;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.dtmf.Rfc4733Sender;
import io.voicegateway.media.resample.Resampler;
import io.voicegateway.media.rtp.RtpPacketizer;

/**
 * Send half of a leg: the mix at the codec rate (the mixer resamples it there when the call's bus runs at
 * another rate) → 16-bit → gather one ptime → encode → packetise. A mix at another rate (its length says
 * which: 20 ms of it) is resampled here, with a resampler made when that rate first shows. While RFC 4733 digits are being sent, event packets take the place of audio packets
 * (RFC 4733 §2.5.1.1); the audio timestamp keeps running. {@link #push} allocates nothing.
 */
final class SendPath {
  private static final int MAX_PAYLOAD = 1500;

  private final CodecType codec;
  private final AudioEncoder encoder;
  private final int payloadType;
  private final int dtmfPayloadType;
  private final int rate;
  private final int frameSamples;
  private Resampler other; // for a mix not at the codec rate; made when such a rate first shows
  private float[] resampled;
  private final short[] pending;
  private final int samplesPerPacket;
  private final int tsPerPacket;
  private final int tsPerFrame;
  private int pendingSamples;
  private final byte[] packet;
  private final Rfc4733Sender dtmf; // null when telephone-event was not negotiated
  private boolean sendingDtmf;

  SendPath(CodecType codec, AudioEncoder encoder, int payloadType, int dtmfPayloadType, int ptimeMs) {
    this.codec = codec;
    this.encoder = encoder;
    this.payloadType = payloadType;
    this.dtmfPayloadType = dtmfPayloadType;
    int rate = encoder.sampleRate();
    this.rate = rate;
    this.frameSamples = MixerLeg.frameSamples(rate);
    int ptime = packetTime(codec, ptimeMs);
    this.samplesPerPacket = rate * ptime / 1000;
    this.tsPerPacket = codec.rtpClockRate() * ptime / 1000;
    this.tsPerFrame = codec.timestampsPer20ms();
    this.pending = new short[samplesPerPacket + rate / 50];
    this.packet = new byte[12 + maxPayload(codec, samplesPerPacket)];
    this.dtmf = dtmfPayloadType >= 0 ? new Rfc4733Sender(codec.rtpClockRate()) : null;
  }

  /**
   * The largest payload one packet of {@code samples} can need (issue 13: a 20 ms G.711 leg's buffer is 172
   * bytes, not 1,512): G.711 one byte a sample, G.722 one byte per two, Opus up to its 1,275-byte frame; at least
   * an RFC 4733 event's 4 bytes.
   */
  static int maxPayload(CodecType codec, int samples) {
    int audio = switch (codec) {
      case PCMU, PCMA -> samples;
      case G722 -> samples / 2;
      case OPUS -> MAX_PAYLOAD;
    };
    return Math.max(audio, 4);
  }

  /** Opus frames are 10, 20, 40 or 60 ms; any other ptime falls back to 20 ms for it. */
  static int packetTime(CodecType codec, int ptimeMs) {
    if (codec == CodecType.OPUS && ptimeMs != 10 && ptimeMs != 20 && ptimeMs != 40 && ptimeMs != 60) {
      return 20;
    }
    return ptimeMs;
  }

  /** Queues RFC 4733 digits; false when telephone-event was not negotiated or the digits are invalid. */
  boolean queueDtmf(String digits) {
    if (dtmf == null) {
      return false;
    }
    try {
      dtmf.queue(digits);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Brings a 20 ms mix at another rate ({@code mix.length * 50} Hz) to the codec rate, in {@link #resampled}. */
  private int resample(float[] mix) {
    int from = mix.length * 50;
    if (other == null || other.inRate() != from) {
      other = new Resampler(from, rate);
      resampled = new float[other.maxOutput(mix.length)];
    }
    return other.process(mix, mix.length, resampled);
  }

  /** Encodes and sends the 20 ms {@code mix}; the packetizer's timestamp advances by 20 ms. */
  void push(float[] mix, RtpPacketizer rtp, PacketSender sender) {
    if (dtmf != null && dtmf.active()) {
      int len = dtmf.next(rtp.timestamp(), packet, 12);
      if (len > 0) {
        sendingDtmf = true;
        rtp.header(packet, dtmfPayloadType, dtmf.timestamp(), dtmf.marker(), len);
        sender.send(packet, 0, 12 + len);
      }
      pendingSamples = 0; // audio during the event is dropped, not delayed
      rtp.advance(tsPerFrame);
      return;
    }
    if (sendingDtmf) {
      sendingDtmf = false;
      rtp.talkspurt();
    }
    int n = frameSamples;
    if (mix.length == frameSamples) {
      Pcm.toShort(mix, 0, pending, pendingSamples, n);
    } else {
      n = resample(mix);
      Pcm.toShort(resampled, 0, pending, pendingSamples, n);
    }
    pendingSamples += n;
    // The timestamp of a packet is that of its first sample: packets out of this frame start where the
    // frame's pending audio began.
    long frameStart = rtp.timestamp() - (long) (pendingSamples - n) * codec.rtpClockRate() / encoder.sampleRate();
    int consumed = 0;
    while (pendingSamples - consumed >= samplesPerPacket) {
      int len = encoder.encode(pending, consumed, samplesPerPacket, packet, 12);
      long ts = (frameStart + (long) consumed * tsPerPacket / samplesPerPacket) & 0xffffffffL;
      rtp.header(packet, payloadType, ts, false, len);
      sender.send(packet, 0, 12 + len);
      consumed += samplesPerPacket;
    }
    if (consumed > 0) {
      System.arraycopy(pending, consumed, pending, 0, pendingSamples - consumed);
      pendingSamples -= consumed;
    }
    rtp.advance(tsPerFrame);
  }
}
