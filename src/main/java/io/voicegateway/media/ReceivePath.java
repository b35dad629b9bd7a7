package io.voicegateway.media;

import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.media.dtmf.GoertzelDetector;
import io.voicegateway.media.jitter.AudioReceiver;
import io.voicegateway.media.jitter.FrameKind;
import io.voicegateway.media.resample.Resampler;

/**
 * Receive half of a leg: jitter buffer and decoder (AudioReceiver) → 20 ms at the codec rate, which is the
 * rate the leg gives the mixer (the mixer resamples only when the call's bus runs at another rate, issue 13).
 * The in-band DTMF detector and the 16 kHz taps listen on the way. Buffers are made once here; {@link #pull}
 * allocates nothing.
 */
final class ReceivePath {
  private final AudioReceiver receiver;
  private final int rate;
  private final short[] pcm;
  private final float[] pcmFloat;
  private final GoertzelDetector inband; // null unless dtmf.method is inband or both
  // Set from the RTP thread when in-band detection is no longer wanted (dtmf.method both: events arrived).
  private volatile boolean inbandStopped;
  // The 16 kHz tap's resampler and buffers, made when a tap first listens (issue 13: most legs never have one).
  private Resampler to16k;
  private float[] tapFloat;
  private short[] tapPcm;

  ReceivePath(AudioDecoder decoder, int rtpClockRate, io.voicegateway.media.jitter.JitterSettings jitter,
      GoertzelDetector inband) {
    this.receiver = new AudioReceiver(decoder, rtpClockRate, jitter);
    this.rate = decoder.sampleRate();
    this.pcm = new short[rate / 50];
    this.pcmFloat = new float[rate / 50];
    this.inband = inband;
  }

  /** The rate of the frames {@link #pull} returns: the decoder's. */
  int sampleRate() {
    return rate;
  }

  /** Stops the in-band DTMF detector for good (any thread). */
  void stopInband() {
    inbandStopped = true;
  }

  /** Whether the in-band detector still runs on this leg's audio. */
  boolean inbandRunning() {
    return inband != null && !inbandStopped;
  }

  AudioReceiver receiver() {
    return receiver;
  }

  /**
   * The next 20 ms at the codec rate ({@code rate / 50} samples), or null while there is nothing to play. The
   * taps (the audio feed's, the call recorder's, one consumer's feed of this leg; any may be null) get the same
   * 16 kHz frame, made once from the codec-rate audio and only while one of them is attached (its buffers are made
   * at the first such frame, then reused).
   */
  float[] pull(String legId, AudioTap tap, AudioTap recordTap, AudioTap streamTap) {
    FrameKind kind = receiver.readFrame(pcm);
    if (kind == FrameKind.SILENCE) {
      return null;
    }
    if (inband != null && !inbandStopped) {
      inband.process(pcm, 0, pcm.length);
    }
    Pcm.toFloat(pcm, 0, pcmFloat, 0, pcm.length);
    if (tap != null || recordTap != null || streamTap != null) {
      if (to16k == null) {
        to16k = new Resampler(rate, AudioTap.SAMPLE_RATE); // identity for G.722
        tapFloat = new float[to16k.maxOutput(pcm.length)];
        tapPcm = new short[AudioTap.FRAME];
      }
      int m = to16k.process(pcmFloat, pcm.length, tapFloat);
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
    return pcmFloat;
  }
}
