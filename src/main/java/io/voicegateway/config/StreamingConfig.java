package io.voicegateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code streaming:} section: named Twilio-Media-Streams-compatible WebSocket consumers that a route's
 * {@code stream: NAME} connects a call to (docs/streaming.md). A route naming a stream that is not here only starts
 * the event-bus feed ({@code vg.audio.<callId>}), as before this section was typed.
 *
 * @param streams by name, in file order
 */
public record StreamingConfig(Map<String, Stream> streams) {
  public StreamingConfig {
    streams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(streams));
  }

  /** No streams: every {@code stream:} route is an event-bus feed only. */
  public static StreamingConfig defaults() {
    return new StreamingConfig(Map.of());
  }

  public Optional<Stream> stream(String name) {
    return Optional.ofNullable(name == null ? null : streams.get(name));
  }

  /** Which audio goes to the consumer, named as Twilio's {@code start.tracks} names them. */
  public enum Tracks {
    INBOUND, OUTBOUND, BOTH;

    public boolean inbound() {
      return this != OUTBOUND;
    }

    public boolean outbound() {
      return this != INBOUND;
    }
  }

  /** The wire format of {@code media.payload}, both ways. */
  public enum Encoding {
    /** G.711 μ-law at 8 kHz, as Twilio sends it. */
    MULAW_8000("mulaw/8000", "audio/x-mulaw", 8000),
    /** Linear PCM16, little-endian, at 16 kHz (what speech recognisers take without conversion). */
    L16_16000("l16/16000", "audio/x-l16", 16000);

    private final String key;
    private final String mimeType;
    private final int sampleRate;

    Encoding(String key, String mimeType, int sampleRate) {
      this.key = key;
      this.mimeType = mimeType;
      this.sampleRate = sampleRate;
    }

    /** As written in the configuration. */
    public String key() {
      return key;
    }

    /** As {@code start.mediaFormat.encoding} names it. */
    public String mimeType() {
      return mimeType;
    }

    public int sampleRate() {
      return sampleRate;
    }
  }

  /** What the call does when its consumer is gone for good (after the reconnect attempts). */
  public enum OnDisconnect { HANGUP, CONTINUE }

  /** How hard noise is suppressed in the inbound track: WebRTC's audio-processing levels (6 to 21 dB). */
  public enum NoiseSuppression { OFF, LOW, MODERATE, HIGH, VERY_HIGH }

  /**
   * Clean audio for speech services, applied to the inbound track (what the caller says) before it is encoded: off
   * by default, since a recogniser trained on raw telephone audio may do better without it.
   *
   * @param noiseSuppression how hard stationary noise is suppressed
   * @param normalize        bring the speech level to a steady loudness (an adaptive digital gain with a limiter)
   */
  public record Cleaning(NoiseSuppression noiseSuppression, boolean normalize) {
    public static final Cleaning OFF = new Cleaning(NoiseSuppression.OFF, false);

    public boolean enabled() {
      return noiseSuppression != NoiseSuppression.OFF || normalize;
    }
  }

  /**
   * One consumer.
   *
   * @param url               ws:// or wss://
   * @param headers           extra HTTP headers of the WebSocket handshake (an Authorization token, say)
   * @param customParameters  sent in {@code start.customParameters}, beside the call's From, To and X- headers
   * @param bidirectional     whether the consumer's {@code media}, {@code mark} and {@code clear} are played
   * @param reconnectAttempts how often a lost connection is opened again before {@code onDisconnect} applies
   * @param connectTimeout    how long one connection attempt (TCP, TLS, handshake) may take
   * @param maxQueued         the most audio queued toward a consumer that reads slowly; beyond it the oldest is
   *                          dropped and counted, and a consumer that takes nothing for twice as long is lost
   * @param cleaning          noise suppression and level normalisation of the inbound track
   */
  public record Stream(String name, URI url, Map<String, String> headers, Map<String, String> customParameters,
      Tracks tracks, Encoding encoding, boolean bidirectional, OnDisconnect onDisconnect, int reconnectAttempts,
      Duration connectTimeout, Duration maxQueued, Cleaning cleaning) {
    public Stream {
      headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
      customParameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customParameters));
      cleaning = cleaning == null ? Cleaning.OFF : cleaning;
    }

    /** A stream without cleaning (as before {@code noise_suppression} and {@code normalize} existed). */
    public Stream(String name, URI url, Map<String, String> headers, Map<String, String> customParameters,
        Tracks tracks, Encoding encoding, boolean bidirectional, OnDisconnect onDisconnect, int reconnectAttempts,
        Duration connectTimeout, Duration maxQueued) {
      this(name, url, headers, customParameters, tracks, encoding, bidirectional, onDisconnect, reconnectAttempts,
          connectTimeout, maxQueued, Cleaning.OFF);
    }

    public boolean secure() {
      return "wss".equalsIgnoreCase(url.getScheme());
    }
  }
}
