package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.Codecs;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** G.722: 16 kHz audio on an 8 kHz RTP clock, 30 ms packets re-framed to 320-sample frames, waveform PLC. */
class AudioReceiverG722Test {
  private static short[] speech16k() {
    short[] s = TestSpeech.speech8k();
    short[] out = new short[s.length * 2];
    for (int i = 0; i < out.length; i++) {
      int j = i / 2;
      out[i] = (i % 2 == 0) ? s[j] : (short) ((s[j] + s[Math.min(j + 1, s.length - 1)]) / 2);
    }
    return out;
  }

  @Test
  void reframesExactlyAndConcealsBetterThanSilence() {
    short[] pcm = speech16k();
    // tsPerSample 1/2 is expressed by encoding with 8 kHz timestamps: 480 samples per 30 ms → +240 ts.
    RecordedStream clean = RecordedStream.encode(pcm, Codecs.encoder(CodecType.G722, null), 9, 30, 1, 0, 6, 0, 1);
    clean = new RecordedStream(clean.packets.stream()
        .map(p -> new RecordedStream.Pkt(p.seq(), (p.ts() / 2) & 0xFFFFFFFFL, p.ssrc(), p.pt(), p.payload(),
            p.sendNanos(), p.arrivalNanos() + 5 * RecordedStream.MS))
        .toList());
    int ticks = pcm.length / 320 + 10;
    JitterSettings on = new JitterSettings(60, 200, false, true);
    JitterSettings off = new JitterSettings(60, 200, false, false);
    Playback ref = Playback.run(new AudioReceiver(Codecs.decoder(CodecType.G722, null), 8000, on), clean, ticks,
        16000, 0);
    AudioDecoder dec = Codecs.decoder(CodecType.G722, null);
    short[] decoded = new short[pcm.length];
    int at = 0;
    for (RecordedStream.Pkt p : clean.packets) {
      at += dec.decode(p.payload(), 0, p.payload().length, decoded, at);
    }
    int start = ref.firstAudioFrame();
    int delay = start * 320 + 60;
    for (int i = 0; i + delay < (ticks - 10) * 320; i++) {
      assertEquals(decoded[i], ref.pcm[i + delay], "re-framed sample " + i);
    }
    RecordedStream lossy = clean.randomLoss(0.1, 5);
    Playback plc = Playback.run(new AudioReceiver(Codecs.decoder(CodecType.G722, null), 8000, on), lossy, ticks,
        16000, 0);
    Playback sil = Playback.run(new AudioReceiver(Codecs.decoder(CodecType.G722, null), 8000, off), lossy, ticks,
        16000, 0);
    int from = start * 320;
    int to = (ticks - 12) * 320;
    double snrPlc = Playback.snrDb(ref.pcm, plc.pcm, from, to);
    double snrSil = Playback.snrDb(ref.pcm, sil.pcm, from, to);
    System.out.printf(Locale.ROOT, "g722 30 ms, 10 %% loss: PLC %.2f dB, silence %.2f dB%n", snrPlc, snrSil);
    assertTrue(snrPlc > snrSil);
    assertTrue(plc.maxJoinStep(start) <= Playback.maxStep(ref.pcm, from, to));
  }
}
