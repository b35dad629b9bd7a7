package io.voicegateway.media.codec;

import io.voicegateway.codec.CodecType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CodecsTest {
  @ParameterizedTest
  @EnumSource(CodecType.class)
  void everyCodecHasAFreshDecoderAndEncoderAtItsRate(CodecType type) {
    AudioDecoder dec = Codecs.decoder(type, null);
    AudioEncoder enc = Codecs.encoder(type, null);
    assertEquals(type.sampleRate(), dec.sampleRate());
    assertEquals(type.sampleRate(), enc.sampleRate());
    assertNotSame(dec, Codecs.decoder(type, null));
    assertNotSame(enc, Codecs.encoder(type, null));
  }

  @ParameterizedTest
  @EnumSource(CodecType.class)
  void twentyMillisecondsEncodeAndDecodeToTwentyMilliseconds(CodecType type) {
    AudioEncoder enc = Codecs.encoder(type, null);
    AudioDecoder dec = Codecs.decoder(type, null);
    short[] pcm = io.voicegateway.media.SignalMetrics.tone(440, type.sampleRate(), type.samplesPer20ms(), 0.3);
    byte[] payload = new byte[1500];
    int len = enc.encode(pcm, 0, pcm.length, payload, 0);
    short[] out = new short[type.samplesPer20ms()];
    assertEquals(type.samplesPer20ms(), dec.decode(payload, 0, len, out, 0));
  }

  @Test
  void opusDefaultsWhenConfigIsAbsent() {
    assertEquals(32000, OpusSettings.DEFAULT.bitrate());
    assertEquals(5, OpusSettings.DEFAULT.complexity());
    assertEquals("opus(32000 bit/s, complexity 5)", Codecs.encoder(CodecType.OPUS, null).toString());
  }

  @Test
  void opusBandwidthLeavesRoomForFec() {
    assertEquals(OpusEncoderBase.FULLBAND, OpusEncoderBase.maxBandwidthFor(32000));
    assertEquals(OpusEncoderBase.WIDEBAND, OpusEncoderBase.maxBandwidthFor(24000));
    assertEquals(OpusEncoderBase.NARROWBAND, OpusEncoderBase.maxBandwidthFor(16000));
  }
}
