package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.media.codec.OpusKinds;
import io.voicegateway.media.codec.OpusLibrary;
import io.voicegateway.media.codec.OpusLibrary.Kind;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** With Opus the codec conceals: its own PLC for a gap, in-band FEC when the next packet is already here. */
class AudioReceiverOpusTest {
  /** Counts what the receiver asks of the real Opus decoder. */
  static final class CountingDecoder implements AudioDecoder {
    final AudioDecoder d;
    int conceals;
    int fecRecovered;

    CountingDecoder(Kind kind) {
      d = OpusLibrary.decoder(kind);
    }

    @Override
    public int sampleRate() {
      return d.sampleRate();
    }

    @Override
    public int decode(byte[] in, int off, int len, short[] out, int outOff) {
      return d.decode(in, off, len, out, outOff);
    }

    @Override
    public int conceal(short[] out, int outOff, int samples) {
      conceals++;
      return d.conceal(out, outOff, samples);
    }

    @Override
    public int decodeFec(byte[] in, int off, int len, short[] out, int outOff, int samples) {
      int w = d.decodeFec(in, off, len, out, outOff, samples);
      if (w > 0) {
        fecRecovered++;
      }
      return w;
    }

    @Override
    public void reset() {
      d.reset();
    }
  }

  /** The 8 kHz speech brought to 48 kHz by linear interpolation (good enough to feed an encoder). */
  private static short[] speech48k() {
    short[] s = TestSpeech.speech8k();
    short[] out = new short[s.length * 6];
    for (int i = 0; i < out.length; i++) {
      int j = i / 6;
      int k = Math.min(j + 1, s.length - 1);
      out[i] = (short) (s[j] + (s[k] - s[j]) * (i % 6) / 6);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void opusLossUsesFecAndCodecPlcAndBeatsSilence(Kind kind) {
    OpusKinds.require(kind);
    RecordedStream clean = RecordedStream.encode(speech48k(), OpusLibrary.encoder(kind, null), 111, 20, 1, 0,
        4, 0, 1).shiftArrival(5 * RecordedStream.MS);
    int ticks = clean.packets.size() + 10;
    JitterSettings plcOn = new JitterSettings(60, 200, false, true);
    Playback ref = Playback.run(new AudioReceiver(new CountingDecoder(kind), 48000, plcOn), clean, ticks, 48000, 0);
    RecordedStream lossy = clean.randomLoss(0.10, 4);
    CountingDecoder dec = new CountingDecoder(kind);
    AudioReceiver rx = new AudioReceiver(dec, 48000, plcOn);
    Playback plc = Playback.run(rx, lossy, ticks, 48000, 0);
    Playback sil = Playback.run(new AudioReceiver(new CountingDecoder(kind), 48000,
        new JitterSettings(60, 200, false, false)), lossy, ticks, 48000, 0);
    int start = ref.firstAudioFrame();
    assertEquals(start, plc.firstAudioFrame());
    int from = start * 960;
    int to = (clean.packets.size() - 5) * 960;
    double snrPlc = Playback.snrDb(ref.pcm, plc.pcm, from, to);
    double snrSil = Playback.snrDb(ref.pcm, sil.pcm, from, to);
    System.out.printf(Locale.ROOT, "opus (%s) 10 %% loss: FEC/PLC %.2f dB, silence %.2f dB; FEC %d, PLC calls %d; %s%n",
        kind.label(), snrPlc, snrSil, dec.fecRecovered, dec.conceals, rx.stats());
    assertTrue(dec.fecRecovered > 0, "in-band FEC used for lost packets whose successor was buffered");
    assertTrue(snrPlc > snrSil, "FEC/PLC " + snrPlc + " dB vs silence " + snrSil + " dB");
    assertEquals(clean.packets.size() - lossy.packets.size(), rx.stats().lost());
  }
}
