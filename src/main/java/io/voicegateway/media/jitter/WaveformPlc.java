package io.voicegateway.media.jitter;

/**
 * Waveform packet-loss concealment for codecs without their own (G.711, G.722), after ITU-T G.711
 * Appendix I: pitch found by autocorrelation over the recent history, pitch periods repeated with
 * overlap-add at the joins, attenuated 20 % per 10 ms after the first 10 ms, silent after 60 ms, and a
 * smooth overlap-add back into the real audio.
 */
public final class WaveformPlc {
  public WaveformPlc(int sampleRate) {
  }
}
