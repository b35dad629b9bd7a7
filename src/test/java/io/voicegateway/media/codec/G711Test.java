package io.voicegateway.media.codec;

import io.voicegateway.codec.CodecType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.SignalMetrics;
import org.junit.jupiter.api.Test;

class G711Test {
  @Test
  void ulawEncodeTableEqualsReferenceForAllInputs() {
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      assertEquals(G711ReferenceAlgorithm.ulawCompress((short) x), G711.ulawEncode((short) x) & 0xFF, "x=" + x);
    }
  }

  @Test
  void alawEncodeTableEqualsReferenceForAllInputs() {
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      assertEquals(G711ReferenceAlgorithm.alawCompress((short) x), G711.alawEncode((short) x) & 0xFF, "x=" + x);
    }
  }

  @Test
  void decodeTablesEqualReferenceForAllCodes() {
    for (int code = 0; code < 256; code++) {
      assertEquals(G711ReferenceAlgorithm.ulawExpand(code), G711.ulawDecode((byte) code), "μ code " + code);
      assertEquals(G711ReferenceAlgorithm.alawExpand(code), G711.alawDecode((byte) code), "A code " + code);
    }
  }

  @Test
  void knownCodePoints() {
    assertEquals((byte) 0xFF, G711.ulawEncode((short) 0));
    assertEquals(32124, G711.ulawDecode((byte) 0x80));
    assertEquals(-32124, G711.ulawDecode((byte) 0x00));
    assertEquals((byte) 0xD5, G711.alawEncode((short) 0));
    assertEquals(32256, G711.alawDecode((byte) 0xAA));
  }

  @Test
  void codecRoundTripOfToneHasG711Snr() {
    for (CodecType type : new CodecType[] {CodecType.PCMU, CodecType.PCMA}) {
      AudioEncoder enc = Codecs.encoder(type, null);
      AudioDecoder dec = Codecs.decoder(type, null);
      short[] tone = SignalMetrics.tone(1000, 8000, 8000, 0.5);
      byte[] payload = new byte[160];
      short[] decoded = new short[tone.length];
      for (int off = 0; off < tone.length; off += 160) {
        assertEquals(160, enc.encode(tone, off, 160, payload, 0));
        assertEquals(160, dec.decode(payload, 0, 160, decoded, off));
      }
      double snr = SignalMetrics.snrDb(tone, 0, decoded, 0, tone.length);
      System.out.println(type + " 1 kHz -6 dBFS round trip SNR " + snr);
      assertTrue(snr > 32, type + " SNR " + snr); // measured: PCMU 33.8 dB, PCMA 34.9 dB on a -6 dBFS tone
      assertEquals(-1, dec.conceal(decoded, 0, 160));
      assertEquals(-1, dec.decodeFec(payload, 0, 160, decoded, 0, 160));
    }
  }

  @Test
  void shortOutputBufferIsNotOverrun() {
    AudioDecoder dec = Codecs.decoder(CodecType.PCMU, null);
    short[] out = new short[100];
    assertEquals(40, dec.decode(new byte[160], 0, 160, out, 60));
    assertEquals(10, dec.decode(new byte[160], 150, 160, new short[160], 0)); // length past the array's end
  }
}
