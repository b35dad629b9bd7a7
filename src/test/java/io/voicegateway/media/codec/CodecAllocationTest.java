package io.voicegateway.media.codec;

import io.voicegateway.codec.CodecType;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.Allocations;
import io.voicegateway.media.SignalMetrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The table and ADPCM codecs run a 20 ms frame without allocating. (Opus is left out: Concentus allocates
 * internally, ~140 KB per encode+decode; see docs/codecs.md.)
 */
class CodecAllocationTest {
  @ParameterizedTest
  @EnumSource(value = CodecType.class, names = {"PCMU", "PCMA", "G722"})
  void encodeAndDecodeAllocateNothing(CodecType type) {
    long bytes = bytesPerThousandFrames(type);
    assertTrue(bytes < 1024, type + " allocated " + bytes + " bytes in 1000 frames");
  }

  private static long bytesPerThousandFrames(CodecType type) {
    AudioEncoder enc = Codecs.encoder(type, null);
    AudioDecoder dec = Codecs.decoder(type, null);
    short[] pcm = SignalMetrics.tone(440, type.sampleRate(), type.samplesPer20ms(), 0.3);
    byte[] payload = new byte[1500];
    short[] out = new short[type.samplesPer20ms()];
    return Allocations.measure(() -> {
      int len = enc.encode(pcm, 0, pcm.length, payload, 0);
      dec.decode(payload, 0, len, out, 0);
    }, 2000, 1000);
  }
}
