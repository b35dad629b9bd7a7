package io.voicegateway.media.jitter;

/** What {@link AudioReceiver#readFrame} put into the frame. */
public enum FrameKind {
  /** Decoded audio from received packets (possibly joined to concealment at an edge). */
  AUDIO,
  /** Mostly made up for lost or late packets (codec PLC, Opus FEC or waveform PLC), or time-stretching. */
  CONCEALED,
  /** Noise at the level signalled by RFC 3389 comfort-noise packets. */
  COMFORT_NOISE,
  /**
   * A frame of zeros, which a consumer may skip: before the first packet, while buffering, after a concealment has
   * faded out, or a lost packet with PLC off.
   */
  SILENCE
}
