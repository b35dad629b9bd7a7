package io.voicegateway.codec;

import java.util.Locale;
import java.util.Optional;

/**
 * The audio codecs the gateway speaks, by name, with their SDP and RTP facts: the vocabulary that config, sip,
 * control, the bus and media share. Implementations live in media/codec. G.722's RTP clock is 8000 although
 * it carries 16 kHz audio (RFC 3551 §4.5.2); Opus is always announced as opus/48000/2 (RFC 7587).
 */
public enum CodecType {
  PCMU("g711-ulaw", "PCMU", 0, 8000, 8000, 1),
  PCMA("g711-alaw", "PCMA", 8, 8000, 8000, 1),
  G722("g722", "G722", 9, 8000, 16000, 1),
  OPUS("opus", "opus", -1, 48000, 48000, 2);

  private final String configName;
  private final String encodingName;
  private final int staticPayloadType;
  private final int rtpClockRate;
  private final int sampleRate;
  private final int sdpChannels;

  CodecType(String configName, String encodingName, int staticPayloadType, int rtpClockRate, int sampleRate,
      int sdpChannels) {
    this.configName = configName;
    this.encodingName = encodingName;
    this.staticPayloadType = staticPayloadType;
    this.rtpClockRate = rtpClockRate;
    this.sampleRate = sampleRate;
    this.sdpChannels = sdpChannels;
  }

  /** The name used in configuration ({@code media.codecs}) and in media commands. */
  public String configName() {
    return configName;
  }

  /** The rtpmap encoding name. */
  public String encodingName() {
    return encodingName;
  }

  /** The RFC 3551 static payload type, or -1 for a dynamic one. */
  public int staticPayloadType() {
    return staticPayloadType;
  }

  public int rtpClockRate() {
    return rtpClockRate;
  }

  /** The rate of the decoded audio. */
  public int sampleRate() {
    return sampleRate;
  }

  public int sdpChannels() {
    return sdpChannels;
  }

  /** RTP timestamp units in 20 ms. */
  public int timestampsPer20ms() {
    return rtpClockRate / 50;
  }

  /** Decoded samples in 20 ms. */
  public int samplesPer20ms() {
    return sampleRate / 50;
  }

  public static Optional<CodecType> byConfigName(String name) {
    for (CodecType c : values()) {
      if (c.configName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Matches an rtpmap encoding name, case-insensitively. */
  public static Optional<CodecType> byEncodingName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (CodecType c : values()) {
      if (c.encodingName.toUpperCase(Locale.ROOT).equals(upper)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
