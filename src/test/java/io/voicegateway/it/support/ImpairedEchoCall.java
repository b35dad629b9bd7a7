package io.voicegateway.it.support;

import io.voicegateway.it.peers.Baresip;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One echo call through the {@link ImpairProxy}: baresip speaks PCMU into {@code sip:echo}, its RTP impaired on
 * the way in, and what it hears back is compared with what it said. Shared by the interop test and the bench.
 */
public final class ImpairedEchoCall {
  private static final int RATE = 8000;
  /**
   * Lags searched per window: an adaptive jitter buffer grown to its 200 ms maximum under heavy jitter, on top of
   * the ~100-250 ms the call's start already puts in baresip's dump, goes beyond the 400 ms the echo tests search.
   */
  private static final int MAX_LAG_MS = 1000;

  /** The figures of one call. */
  public record Result(Impairment level, AudioMatch.Result match, int relays, long packetsIn, long dropped,
      long duplicated, long packetsBack, String log) {
    @Override
    public String toString() {
      return String.format("%s: %s; caller RTP %d in, %d dropped, %d duplicated; %d back", level, match, packetsIn,
          dropped, duplicated, packetsBack);
    }
  }

  private ImpairedEchoCall() {}

  /** Runs the call against the gateway whose SIP listens on {@code gatewaySipPort}; {@code dir} holds its files. */
  public static Result run(int gatewaySipPort, Path dir, Impairment level, long seed) throws Exception {
    Path speech = SpeechFixture.speech(dir.getParent(), RATE);
    Baresip phone = new Baresip(dir, "PCMU", speech, RATE);
    try (ImpairProxy proxy = new ImpairProxy(FreePorts.udpAndTcp(), gatewaySipPort, level, seed)) {
      Baresip.CallRecording rec = phone.call("sip:echo@127.0.0.1:" + proxy.sipPort(), Duration.ofSeconds(25));
      if (rec.heard() == null || rec.sent() == null) {
        throw new AssertionError("baresip recorded nothing: " + rec.log());
      }
      short[] sent = AudioMatch.read(rec.sent(), RATE);
      short[] heard = AudioMatch.read(rec.heard(), RATE);
      return new Result(level, AudioMatch.align(sent, heard, RATE, 500, MAX_LAG_MS), proxy.relays(), proxy.in.get(),
          proxy.dropped.get(), proxy.duplicated.get(), proxy.out.get(), rec.log());
    }
  }
}
