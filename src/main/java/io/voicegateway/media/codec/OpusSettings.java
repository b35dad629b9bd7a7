package io.voicegateway.media.codec;

/**
 * How an Opus leg encodes ({@code media.opus}); the media library's own copy of the setting, so codecs do not
 * depend on the configuration package.
 *
 * @param bitrate    target bit rate, bit/s
 * @param complexity encoder complexity 0..10 (clamped)
 */
public record OpusSettings(int bitrate, int complexity) {
  /** Used when the configuration has none. */
  public static final OpusSettings DEFAULT = new OpusSettings(32000, 5);
}
