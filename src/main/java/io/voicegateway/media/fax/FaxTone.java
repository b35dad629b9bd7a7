package io.voicegateway.media.fax;

/** The two tones that say a fax (or modem) call has begun (ITU-T T.30 §5.2, V.25, V.8). */
public enum FaxTone {
  /** Calling tone: 1100 Hz, 0.5 s on / 3 s off, sent by the calling fax machine. */
  CNG,
  /** Answer tone: 2100 Hz for 2.6–4 s (CED, V.25 ANS, V.8 ANSam with its 15 Hz modulation), sent by the answerer. */
  CED
}
