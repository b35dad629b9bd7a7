package io.voicegateway.stream;

/**
 * Cleans a stream's inbound speech in place, frame by frame, before it is encoded for the consumer (noise
 * suppression, level normalisation). One instance per stream: it keeps the noise estimate and gain of that caller.
 * Not thread-safe; a {@link CleaningLane} runs it on one thread at a time, off the event loop.
 */
public interface SpeechCleaner extends AutoCloseable {
  /**
   * Cleans {@code pcm[0..n)} in place.
   *
   * @return false when the frame was left as it is (its length is not a whole number of 10 ms, or the cleaner
   *     failed on it)
   */
  boolean clean(short[] pcm, int n);

  /** Frees the cleaner's native state; the cleaner is not used afterwards. */
  @Override
  void close();

  /** Leaves audio as it is: a stream without cleaning, or one whose cleaner could not be made. */
  SpeechCleaner NONE = new SpeechCleaner() {
    @Override
    public boolean clean(short[] pcm, int n) {
      return false;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
      return "no cleaning";
    }
  };
}
