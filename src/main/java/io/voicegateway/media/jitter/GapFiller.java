package io.voicegateway.media.jitter;

import io.voicegateway.media.codec.AudioDecoder;

/**
 * Makes up the audio that no packet provides, straight into the FIFO: comfort noise during a silence period, the
 * codec's own concealment or FEC (Opus), {@link WaveformPlc} for codecs without one (G.711, G.722), or silence
 * (PLC off, or after a concealment has faded). Also tallies what each 20 ms frame was made of, for its
 * {@link FrameKind}. Mixer thread only.
 */
final class GapFiller {
  private final AudioDecoder decoder;
  private final boolean plcEnabled;
  private final PcmFifo fifo;
  private final WaveformPlc plc;
  private final ComfortNoise noise;
  private final int ms10;
  private final int fadedAfter;

  private boolean comfortNoise;
  /** Until the codec says otherwise, assume it conceals for itself. */
  private boolean decoderConceals = true;
  /** Samples made up since the last real audio (large: nothing to fade from). */
  private int sinceAudio = 1 << 30;

  private int audioN;
  private int concealN;
  private int noiseN;
  private int silenceN;
  private FrameKind lastKind = FrameKind.SILENCE;
  private FrameKind lastAudibleKind = FrameKind.AUDIO;

  GapFiller(AudioDecoder decoder, boolean plcEnabled, PcmFifo fifo, WaveformPlc plc) {
    this.decoder = decoder;
    this.plcEnabled = plcEnabled;
    this.fifo = fifo;
    this.plc = plc;
    int rate = decoder.sampleRate();
    this.noise = new ComfortNoise(rate);
    this.ms10 = rate / 100;
    this.fadedAfter = 6 * ms10; // G.711 Appendix I: silent after 60 ms
  }

  boolean inComfortNoise() {
    return comfortNoise;
  }

  /** An RFC 3389 packet reached playout: noise at its level from now until audio resumes. */
  void comfortNoise(byte[] payload, int len) {
    if (!comfortNoise) {
      noise.restart();
      comfortNoise = true;
    }
    noise.update(payload, len);
  }

  /** Real audio was decoded into the FIFO at {@code at} (not yet committed); joins it to what came before. */
  void audio(int at, int n) {
    comfortNoise = false;
    plc.good(fifo.array(), at, n);
    fifo.commit(n);
    audioN += n;
    sinceAudio = 0;
  }

  /**
   * Opus in-band FEC: rebuilds the lost packet before {@code next} from {@code next}'s payload. Returns the
   * samples committed, or 0 when the codec has no FEC for it.
   */
  int recoverFromFec(Packet next, int samples) {
    if (!plcEnabled || !decoderConceals || samples > fifo.free()) {
      return 0;
    }
    int at = fifo.size();
    int w = decoder.decodeFec(next.payload, 0, next.length, fifo.array(), at, samples);
    if (w <= 0) {
      return 0;
    }
    plc.good(fifo.array(), at, w);
    fifo.commit(w);
    concealN += w;
    sinceAudio = Math.min(sinceAudio + w, 1 << 30);
    return w;
  }

  /**
   * Commits {@code n} made-up samples ({@code loss}: a packet is missing, as opposed to buffering or stretching)
   * and returns how many were written (the codec's PLC may round to its frame size).
   */
  int fill(int n, boolean loss) {
    short[] a = fifo.array();
    int at = fifo.size();
    if (comfortNoise) {
      noise.fill(a, at, n);
      noiseN += n;
      plc.good(a, at, n);
    } else if (loss && !plcEnabled) {
      silence(a, at, n);
    } else if (plc.concealing() || (!decoderConceals && sinceAudio < fadedAfter)) {
      int audible = Math.max(0, Math.min(n, fadedAfter - plc.concealedSamples()));
      plc.conceal(a, at, n); // starts or continues (and fades) a waveform concealment
      concealN += audible;
      silenceN += n - audible;
    } else if (sinceAudio >= fadedAfter) {
      silence(a, at, n);
    } else {
      int w = decoder.conceal(a, at, Math.min((n + ms10 - 1) / ms10 * ms10, fifo.free()));
      if (w < 0) {
        decoderConceals = false; // no codec PLC (G.711, G.722): waveform PLC from now on
        plc.conceal(a, at, n);
        concealN += n;
      } else if (w == 0) {
        silence(a, at, n);
      } else {
        n = w;
        plc.good(a, at, n); // keeps the waveform history in step with what is played
        concealN += n;
      }
    }
    fifo.commit(n);
    sinceAudio = Math.min(sinceAudio + n, 1 << 30);
    return n;
  }

  private void silence(short[] a, int at, int n) {
    java.util.Arrays.fill(a, at, at + n, (short) 0);
    silenceN += n;
    plc.good(a, at, n);
  }

  /** Starts tallying a new 20 ms frame. */
  void beginFrame() {
    audioN = concealN = noiseN = silenceN = 0;
  }

  /**
   * What most of this frame's new samples were (the previous kind when none were made). SILENCE only for a frame
   * of zeros, so a consumer may skip it: a mostly silent frame that still carries the end of a fade (or the
   * look-back samples held from before) keeps the kind of what it carries.
   */
  FrameKind frameKind(short[] out, int n) {
    int max = Math.max(Math.max(audioN, concealN), Math.max(noiseN, silenceN));
    if (max > 0) {
      lastKind = max == audioN ? FrameKind.AUDIO
          : max == concealN ? FrameKind.CONCEALED
          : max == noiseN ? FrameKind.COMFORT_NOISE : FrameKind.SILENCE;
    }
    if (lastKind != FrameKind.SILENCE) {
      lastAudibleKind = lastKind;
      return lastKind;
    }
    for (int i = 0; i < n; i++) {
      if (out[i] != 0) {
        return lastAudibleKind;
      }
    }
    return FrameKind.SILENCE;
  }

  /** After a codec change: comfort noise off, and ask the (new) codec again whether it conceals. */
  void reset() {
    comfortNoise = false;
    decoderConceals = true;
  }
}
