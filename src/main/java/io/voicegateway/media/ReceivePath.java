package io.voicegateway.media;

import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.media.dtmf.GoertzelDetector;
import io.voicegateway.media.jitter.AudioReceiver;
import io.voicegateway.media.jitter.FrameKind;
import io.voicegateway.media.resample.Resampler;

/**
 * Receive half of a leg: jitter buffer and decoder (AudioReceiver) → 20 ms at the codec rate → resample to
 * the 48 kHz mixer frame; the in-band DTMF detector and the 16 kHz tap listen on the way. Buffers are
 * made once here; {@link #pull} allocates nothing.
 */
final class ReceivePath {
  private final AudioReceiver receiver;
  private final int rate;
  private final short[] pcm;
  private final float[] pcmFloat;
  private final Resampler to48k;
  private final float[] frame48k = new float[MixerLeg.FRAME];
  private final GoertzelDetector inband; // null unless dtmf.method is inband or both
  private final Resampler to16k;
  private final float[] tapFloat;
  private final short[] tapPcm = new short[AudioTap.FRAME];

  ReceivePath(AudioDecoder decoder, int rtpClockRate, io.voicegateway.media.jitter.JitterSettings jitter,
      GoertzelDetector inband) {
    this.receiver = new AudioReceiver(decoder, rtpClockRate, jitter);
    this.rate = decoder.sampleRate();
    this.pcm = new short[rate / 50];
    this.pcmFloat = new float[rate / 50];
    this.to48k = new Resampler(rate, 48000);
    this.inband = inband;
    this.to16k = new Resampler(48000, AudioTap.SAMPLE_RATE);
    this.tapFloat = new float[to16k.maxOutput(MixerLeg.FRAME)];
  }

  AudioReceiver receiver() {
    return receiver;
  }

  /**
   * The next 20 ms at 48 kHz, or null while there is nothing to play. The taps (the audio feed's, the call
   * recorder's, one consumer's feed of this leg; any may be null) get the same 16 kHz frame, made once.
   */
  float[] pull(String legId, AudioTap tap, AudioTap recordTap, AudioTap streamTap) {
    FrameKind kind = receiver.readFrame(pcm);
    if (kind == FrameKind.SILENCE) {
      return null;
    }
    if (inband != null) {
      inband.process(pcm, 0, pcm.length);
    }
    Pcm.toFloat(pcm, 0, pcmFloat, 0, pcm.length);
    int n = to48k.process(pcmFloat, pcm.length, frame48k);
    if (n < MixerLeg.FRAME) {
      java.util.Arrays.fill(frame48k, n, MixerLeg.FRAME, 0f); // cannot happen with 8/16/48 kHz; be safe
    }
    if (tap != null || recordTap != null || streamTap != null) {
      int m = to16k.process(frame48k, MixerLeg.FRAME, tapFloat);
      Pcm.toShort(tapFloat, 0, tapPcm, 0, m);
      if (tap != null) {
        tap.onAudio(legId, tapPcm, m);
      }
      if (recordTap != null) {
        recordTap.onAudio(legId, tapPcm, m);
      }
      if (streamTap != null) {
        streamTap.onAudio(legId, tapPcm, m);
      }
    }
    return frame48k;
  }
}
