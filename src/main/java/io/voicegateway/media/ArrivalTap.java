package io.voicegateway.media;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.media.codec.Codecs;
import io.voicegateway.media.codec.G711;
import io.voicegateway.media.resample.Resampler;

/**
 * One consumer's feed of a leg's audio as its packets arrive (issue 12's low-latency inbound track): each packet the
 * {@link ArrivalOrder} lets through is decoded with the tap's own decoder, resampled to the feed's rate and published
 * at once as one {@link FeedFrame} message, on the leg's RTP thread, without the jitter buffer or the mixer's tick.
 * A message holds what its packet held (20 ms for most senders). Its body is PCM16 little-endian, or with
 * {@code mulaw} G.711 μ-law at 8 kHz, where a PCMU leg's payload goes through untouched. No concealment: a lost
 * packet is simply missing from the feed.
 *
 * <p>RTP thread only. Buffers are made when the codec is first seen (again only if a renegotiation changes it), so
 * steady state allocates nothing; the sink copies the message it publishes.
 */
public final class ArrivalTap {
  /** The longest packet decoded whole (an Opus packet's maximum); a longer G.711/G.722 payload is cut there. */
  static final int MAX_PACKET_MS = 120;

  private final AudioFeed feed;
  private final String legId;
  private final boolean mulaw;
  private final ArrivalOrder order = new ArrivalOrder();
  private CodecType codec;
  private AudioDecoder decoder;
  private Resampler resampler; // null when the codec's rate is the feed's
  private short[] decoded;
  private short[] resampled;
  private float[] in;
  private float[] out;
  private byte[] frame;
  private int sequence;
  private volatile long published;
  private volatile long undecodable;

  /** @param mulaw the body is μ-law (the feed's rate must be 8000); else PCM16 little-endian at the feed's rate */
  ArrivalTap(AudioFeed feed, String legId, boolean mulaw) {
    if (mulaw && feed.sampleRate() != 8000) {
      throw new IllegalArgumentException("a mu-law arrival feed is 8000 Hz, not " + feed.sampleRate());
    }
    this.feed = feed;
    this.legId = legId;
    this.mulaw = mulaw;
  }

  /**
   * One packet of the leg's negotiated media, as it arrives. {@code audio} false: a packet that shares the source's
   * sequence numbers but is not audio (RFC 4733 telephone-event, comfort noise): it keeps the order, and is not played.
   */
  public void onPacket(CodecType packetCodec, long ssrc, int sequenceNumber, byte[] buf, int off, int len,
      boolean audio) {
    if (feed.stopped() || !order.accept(ssrc, sequenceNumber) || !audio || len <= 0) {
      return;
    }
    if (packetCodec != codec) {
      prepare(packetCodec);
    }
    int length = mulaw && codec == CodecType.PCMU ? passThrough(buf, off, len) : decode(buf, off, len);
    if (length > 0) {
      feed.sink().publish(frame, length);
      published++;
    }
  }

  private int passThrough(byte[] buf, int off, int len) {
    int n = Math.min(len, frame.length - FeedFrame.HEADER);
    System.arraycopy(buf, off, frame, FeedFrame.HEADER, n);
    FeedFrame.stamp(frame, sequence++, feed.now());
    return FeedFrame.HEADER + n;
  }

  private int decode(byte[] buf, int off, int len) {
    int n = decoder.decode(buf, off, len, decoded, 0);
    if (n <= 0) {
      undecodable++;
      return 0;
    }
    short[] pcm = decoded;
    if (resampler != null) {
      Pcm.toFloat(decoded, 0, in, 0, n);
      n = resampler.process(in, n, out);
      Pcm.toShort(out, 0, resampled, 0, n);
      pcm = resampled;
    }
    int at = FeedFrame.HEADER;
    if (mulaw) {
      for (int i = 0; i < n; i++) {
        frame[at++] = G711.ulawEncode(pcm[i]);
      }
    } else {
      for (int i = 0; i < n; i++, at += 2) {
        frame[at] = (byte) pcm[i];
        frame[at + 1] = (byte) (pcm[i] >> 8);
      }
    }
    FeedFrame.stamp(frame, sequence++, feed.now());
    return at;
  }

  /** The decoder and buffers for a codec: at the first packet, and when a renegotiation changes the codec. */
  private void prepare(CodecType next) {
    codec = next;
    decoder = Codecs.decoder(next, null);
    int rate = decoder.sampleRate();
    int maxIn = rate * MAX_PACKET_MS / 1000;
    resampler = rate == feed.sampleRate() ? null : new Resampler(rate, feed.sampleRate());
    int maxOut = resampler == null ? maxIn : resampler.maxOutput(maxIn);
    decoded = new short[maxIn];
    resampled = resampler == null ? null : new short[maxOut];
    in = resampler == null ? null : new float[maxIn];
    out = resampler == null ? null : new float[maxOut];
    frame = new byte[FeedFrame.HEADER + 2 * Math.max(maxIn, maxOut)];
    FeedFrame.writeFixed(frame, feed.sampleRate(), feed.callId(), legId);
  }

  /** Messages published. */
  public long published() {
    return published;
  }

  /** Packets that came after a newer one had been played: dropped. */
  public long late() {
    return order.late();
  }

  /** Second copies of a packet: dropped. */
  public long duplicates() {
    return order.duplicates();
  }

  /** Sequence numbers skipped without waiting (lost, or late). */
  public long skipped() {
    return order.skipped();
  }

  /** Packets the decoder refused (corrupt): dropped. */
  public long undecodable() {
    return undecodable;
  }

  @Override
  public String toString() {
    return "RTP -> Arrival -> " + (codec == null ? "?" : codec.encodingName())
        + (mulaw && codec == CodecType.PCMU ? "" : " -> " + feed.sampleRate() / 1000 + "k")
        + (mulaw ? " PCMU" : " L16") + " -> Feed";
  }
}
