package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.Codecs;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loss concealment on G.711 speech: SNR against the lossless output falls gracefully with the loss rate, waveform
 * PLC beats silence substitution at every rate, the output never has a gap, and frame joins never click.
 */
class AudioReceiverLossTest {
  private static final JitterSettings FIXED_60 = new JitterSettings(60, 200, false, true);
  private static final JitterSettings FIXED_60_NO_PLC = new JitterSettings(60, 200, false, false);
  private static final long[] SEEDS = {11, 22, 33};

  private static RecordedStream speech(int ptimeMs) {
    return RecordedStream.encode(TestSpeech.speech8k(), Codecs.encoder(CodecType.PCMU, null), 0, ptimeMs, 1000,
        12345, 0xCAFEL, 0, 1).shiftArrival(5 * RecordedStream.MS);
  }

  private static Playback play(RecordedStream s, JitterSettings settings) {
    AudioDecoder dec = Codecs.decoder(CodecType.PCMU, null);
    int ticks = (int) (TestSpeech.speech8k().length / 160) + 10;
    return Playback.run(new AudioReceiver(dec, 8000, settings), s, ticks, 8000, 0);
  }

  private static short[] decodedSource(RecordedStream s) {
    AudioDecoder dec = Codecs.decoder(CodecType.PCMU, null);
    short[] out = new short[TestSpeech.speech8k().length];
    int at = 0;
    for (RecordedStream.Pkt p : s.packets) {
      at += dec.decode(p.payload(), 0, p.payload().length, out, at);
    }
    return java.util.Arrays.copyOf(out, at);
  }

  /** 20 ms frames that fall more than 60 ms into a run of missing packets (+1 per run for the framing). */
  static int framesBeyond60ms(RecordedStream s, int ptimeMs) {
    int frames = 0;
    java.util.List<Integer> seqs = s.packets.stream().map(RecordedStream.Pkt::seq).sorted().toList();
    for (int i = 1; i < seqs.size(); i++) {
      int missingMs = (seqs.get(i) - seqs.get(i - 1) - 1) * ptimeMs;
      if (missingMs > 60) {
        frames += (missingMs - 60) / 20 + 1;
      }
    }
    return frames;
  }

  @ParameterizedTest
  @ValueSource(ints = {20, 30})
  void plcDegradesGracefullyAndBeatsSilence(int ptimeMs) {
    RecordedStream clean = speech(ptimeMs);
    Playback ref = play(clean, FIXED_60);
    int start = ref.firstAudioFrame();
    assertTrue(start >= 0 && start <= 4, "starts after the 60 ms depth, frame " + start);
    int from = start * 160;
    int to = ref.pcm.length - 10 * 160;
    // The clean output is the decoded speech, delayed: re-framing itself loses nothing.
    short[] decoded = decodedSource(clean);
    int delay = start * 160 + 30; // silent frames while buffering, then the 3.75 ms PLC look-back
    assertEquals(delay, Playback.bestLag(decoded, ref.pcm, 1000));
    for (int i = 0; i + delay < to; i++) {
      assertEquals(decoded[i], ref.pcm[i + delay], "re-framed sample " + i);
    }
    int cleanStep = Playback.maxStep(ref.pcm, from, to);

    double[] rates = {0.05, 0.10, 0.20};
    double[] plcSnr = new double[rates.length + 1];
    double[] silSnr = new double[rates.length + 1];
    for (int r = 0; r <= rates.length; r++) {
      for (long seed : SEEDS) {
        RecordedStream lossy = r < rates.length ? clean.randomLoss(rates[r], seed) : clean.burstLoss(0.04, 0.6, seed);
        Playback plc = play(lossy, FIXED_60);
        Playback sil = play(lossy, FIXED_60_NO_PLC);
        plcSnr[r] += Playback.snrDb(ref.pcm, plc.pcm, from, to) / SEEDS.length;
        silSnr[r] += Playback.snrDb(ref.pcm, sil.pcm, from, to) / SEEDS.length;
        assertEquals(start, plc.firstAudioFrame(), "same playout delay with loss");
        // Continuity: from the first audio frame on, every frame is audio or concealment, except where a loss
        // run is longer than the 60 ms after which concealment has faded to silence.
        long silent = plc.kinds.subList(start, plc.kinds.size() - 12).stream().filter(k -> k == FrameKind.SILENCE)
            .count();
        assertTrue(silent <= framesBeyond60ms(lossy, ptimeMs), "silent frames " + silent);
        for (int f = 0; f < plc.kinds.size(); f++) {
          if (plc.kinds.get(f) == FrameKind.SILENCE) {
            assertEquals(0, Playback.rms(plc.pcm, f * 160, f * 160 + 160), "a SILENCE frame is all zeros");
          }
        }
        int joinStep = plc.maxJoinStep(start);
        assertTrue(joinStep <= cleanStep, "click at a frame join: " + joinStep + " > clean max step " + cleanStep);
        assertTrue(Playback.maxStep(plc.pcm, from, to) <= cleanStep * 1.1,
            "step " + Playback.maxStep(plc.pcm, from, to) + " vs clean " + cleanStep);
      }
    }
    StringBuilder table = new StringBuilder();
    for (int r = 0; r <= rates.length; r++) {
      String label = r < rates.length ? String.format(Locale.ROOT, "%2.0f %% random", rates[r] * 100) : "burst";
      table.append(String.format(Locale.ROOT, "ptime %d ms, %-10s  PLC %6.2f dB  silence %6.2f dB%n", ptimeMs, label,
          plcSnr[r], silSnr[r]));
    }
    System.out.print("[" + TestSpeech.source() + "]\n" + table);
    for (int r = 0; r <= rates.length; r++) {
      assertTrue(plcSnr[r] > silSnr[r], "PLC beats silence:\n" + table);
    }
    assertTrue(plcSnr[0] > plcSnr[1] && plcSnr[1] > plcSnr[2], "graceful degradation:\n" + table);
  }
}
