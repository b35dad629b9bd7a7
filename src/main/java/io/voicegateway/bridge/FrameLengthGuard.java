package io.voicegateway.bridge;

import io.netty.buffer.ByteBuf;

/**
 * Follows the TCP bridge's framing (a 4-byte big-endian length, then that many bytes of JSON) over the bytes of one
 * connection, without consuming them, and says when a length is one the bridge's parser must never see: negative
 * (vertx-tcp-eventbus-bridge 5.0.0's FrameParser throws IllegalArgumentException from {@code Buffer.getString} on
 * every following chunk: found by BridgeFrameFuzzTest) or larger than {@link #MAX_FRAME} (it would buffer up to
 * 2 GiB waiting for the frame). Written by hand: the parser is the library's, and it has no limit to configure.
 * One per connection, on its event loop.
 */
final class FrameLengthGuard {
  /** A bridge frame is one command (send, publish, register) of a few hundred bytes; 1 MiB is far beyond any. */
  static final int MAX_FRAME = 1 << 20;

  private int headerBytes;
  private int length;
  private long bodyLeft;

  /** Whether {@code chunk}'s readable bytes keep the framing sane; false once a length is out of range. */
  boolean admit(ByteBuf chunk) {
    int pos = chunk.readerIndex();
    int end = chunk.writerIndex();
    while (pos < end) {
      if (bodyLeft > 0) {
        int skip = (int) Math.min(bodyLeft, end - pos);
        bodyLeft -= skip;
        pos += skip;
        continue;
      }
      length = (length << 8) | (chunk.getByte(pos++) & 0xff);
      if (++headerBytes == 4) {
        if (length < 0 || length > MAX_FRAME) {
          return false;
        }
        bodyLeft = length;
        headerBytes = 0;
        length = 0;
      }
    }
    return true;
  }
}
