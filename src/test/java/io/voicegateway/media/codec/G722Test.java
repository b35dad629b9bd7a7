package io.voicegateway.media.codec;

import io.voicegateway.codec.CodecType;
import io.voicegateway.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.SignalMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class G722Test {
  /** The QMF pair delays the signal by 22 samples at 16 kHz (23 taps, analysis + synthesis). */
  private static final int CODEC_DELAY = 22;
  private static final int FRAME_SAMPLES = 320;
  private static final int FRAME_BYTES = 160;

  @Test
  void encoderIsBitExactWithFfmpeg() throws IOException {
    short[] input = pcm(resource("speech-16k.s16le"));
    byte[] expected = resource("speech-ffmpeg.g722");
    assertArrayEquals(expected, encodeInFrames(input));
  }

  @Test
  void decoderIsBitExactWithFfmpeg() throws IOException {
    byte[] payload = resource("speech-ffmpeg.g722");
    short[] expected = pcm(resource("speech-ffmpeg-decoded.s16le"));
    assertArrayEquals(expected, decodeInFrames(payload));
  }

  @Test
  void frameSizesFollowRfc3551() {
    AudioEncoder enc = Codecs.encoder(CodecType.G722, null);
    AudioDecoder dec = Codecs.decoder(CodecType.G722, null);
    byte[] payload = new byte[FRAME_BYTES];
    short[] pcm = new short[FRAME_SAMPLES];
    assertEquals(16000, enc.sampleRate());
    assertEquals(FRAME_BYTES, enc.encode(new short[FRAME_SAMPLES], 0, FRAME_SAMPLES, payload, 0));
    assertEquals(FRAME_SAMPLES, dec.decode(payload, 0, FRAME_BYTES, pcm, 0));
    assertEquals(CodecType.G722.samplesPer20ms(), FRAME_SAMPLES);
    assertEquals(-1, dec.conceal(pcm, 0, FRAME_SAMPLES));
  }

  @Test
  void toneRoundTrip() {
    short[] tone = SignalMetrics.tone(1000, 16000, 16000, 0.5);
    short[] decoded = decodeInFrames(encodeInFrames(tone));
    double snr = SignalMetrics.snrDb(tone, 1600, decoded, 1600 + CODEC_DELAY, 12000);
    System.out.printf("G.722 1 kHz -6 dBFS SNR %.1f dB%n", snr);
    assertTrue(snr >= 40, "SNR " + snr); // measured 47.6 dB
  }

  @Test
  void higherBandToneKeepsItsFrequency() {
    short[] tone = SignalMetrics.tone(6000, 16000, 16000, 0.3);
    short[] decoded = decodeInFrames(encodeInFrames(tone));
    assertEquals(6000, SignalMetrics.dominantFrequency(decoded, 4000, 8000, 16000, 5000, 7000), 2);
    assertTrue(SignalMetrics.rms(decoded, 4000, 8000) > 0.7 * SignalMetrics.rms(tone, 4000, 8000));
  }

  @Test
  void goldenSpeechRoundTrip() throws IOException {
    short[] speech = pcm(resource("speech-16k.s16le"));
    short[] decoded = decodeInFrames(encodeInFrames(speech));
    assertEquals(CODEC_DELAY, SignalMetrics.bestLag(speech, decoded, 0, speech.length - 100, 60));
    double snr = SignalMetrics.snrDb(speech, 0, decoded, CODEC_DELAY, speech.length - CODEC_DELAY);
    System.out.printf("G.722 golden speech SNR %.1f dB%n", snr);
    assertTrue(snr >= 30, "SNR " + snr); // measured 34.1 dB (ffmpeg's own round trip gives the same)
  }

  @Test
  void espeakSpeechRoundTrip(@TempDir Path dir) throws Exception {
    Tools.require("espeak-ng");
    Tools.require("sox");
    Path wav = dir.resolve("speech.wav");
    Path raw = dir.resolve("speech.raw");
    Tools.run(List.of("espeak-ng", "-w", wav.toString(),
        "Thank you for calling. Your call is important to us; please stay on the line."));
    Tools.run(List.of("sox", wav.toString(), "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer",
        "-L", "-t", "raw", raw.toString(), "vol", "0.8"));
    short[] speech = pcm(Files.readAllBytes(raw));
    short[] decoded = decodeInFrames(encodeInFrames(speech));
    int n = speech.length - CODEC_DELAY - FRAME_SAMPLES;
    double snr = SignalMetrics.snrDb(speech, 0, decoded, CODEC_DELAY, n);
    double corr = SignalMetrics.correlation(speech, 0, decoded, CODEC_DELAY, n);
    System.out.printf("G.722 espeak speech (%d samples): SNR %.1f dB, correlation %.4f%n", speech.length, snr, corr);
    assertTrue(snr >= 25, "SNR " + snr); // measured 28.7 dB, correlation 0.9993
    assertTrue(corr >= 0.998, "correlation " + corr);
  }

  @Test
  void resetRestartsFromTheInitialState() throws IOException {
    short[] input = pcm(resource("speech-16k.s16le"));
    AudioEncoder enc = Codecs.encoder(CodecType.G722, null);
    byte[] first = new byte[FRAME_BYTES];
    byte[] again = new byte[FRAME_BYTES];
    enc.encode(input, 0, FRAME_SAMPLES, first, 0);
    enc.encode(input, FRAME_SAMPLES, FRAME_SAMPLES, again, 0);
    enc.reset();
    enc.encode(input, 0, FRAME_SAMPLES, again, 0);
    assertArrayEquals(first, again);
  }

  /** Encodes in 20 ms frames, as the mixer does; a trailing partial frame is encoded as is. */
  private static byte[] encodeInFrames(short[] pcm) {
    AudioEncoder enc = Codecs.encoder(CodecType.G722, null);
    byte[] out = new byte[pcm.length / 2];
    for (int off = 0; off < pcm.length; off += FRAME_SAMPLES) {
      int n = Math.min(FRAME_SAMPLES, pcm.length - off);
      enc.encode(pcm, off, n, out, off / 2);
    }
    return out;
  }

  private static short[] decodeInFrames(byte[] payload) {
    AudioDecoder dec = Codecs.decoder(CodecType.G722, null);
    short[] out = new short[payload.length * 2];
    for (int off = 0; off < payload.length; off += FRAME_BYTES) {
      dec.decode(payload, off, Math.min(FRAME_BYTES, payload.length - off), out, off * 2);
    }
    return out;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = G722Test.class.getResourceAsStream("/g722/" + name)) {
      return in.readAllBytes();
    }
  }

  private static short[] pcm(byte[] bytes) {
    short[] s = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
    return s;
  }
}
