package io.voicegateway.media.codec;

import io.voicegateway.codec.CodecType;

/**
 * Creates a fresh decoder or encoder for one leg. Every call returns a new instance: codec state is never
 * shared between legs.
 */
public final class Codecs {
  private Codecs() {}

  /** @param opus Opus bitrate/complexity; null means {@link OpusSettings#DEFAULT}. Ignored by other codecs. */
  public static AudioDecoder decoder(CodecType type, OpusSettings opus) {
    return switch (type) {
      case PCMU -> new G711Decoder(false);
      case PCMA -> new G711Decoder(true);
      case G722 -> new G722Decoder();
      case OPUS -> OpusLibrary.decoder(OpusLibrary.selected().kind());
    };
  }

  /** @param opus Opus bitrate/complexity; null means {@link OpusSettings#DEFAULT}. Ignored by other codecs. */
  public static AudioEncoder encoder(CodecType type, OpusSettings opus) {
    return switch (type) {
      case PCMU -> new G711Encoder(false);
      case PCMA -> new G711Encoder(true);
      case G722 -> new G722Encoder();
      case OPUS -> OpusLibrary.encoder(OpusLibrary.selected().kind(), opus);
    };
  }
}
