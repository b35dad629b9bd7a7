package io.voicegateway.sip.sdp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Silences {@code System.err} for the current thread while a call runs. Why: JAIN-SIP's {@code javax.sdp} parsers
 * (attribute, bandwidth, e-mail, origin, phone fields) call {@code printStackTrace()} on malformed input before
 * throwing, and have no hook to stop it, so every bad offer a stranger sends would print a stack trace (fuzzing
 * found 5,539 for 17,482 bodies). The parse error itself still reaches the caller as an exception and gets its
 * 400; other threads' output, and this thread's outside the call, pass through untouched.
 */
final class QuietStderr extends PrintStream {
  private static final ThreadLocal<boolean[]> QUIET = ThreadLocal.withInitial(() -> new boolean[1]);

  private QuietStderr(PrintStream target) {
    super(new FilterOutputStream(target) {
      @Override
      public void write(int b) throws IOException {
        if (!QUIET.get()[0]) {
          out.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (!QUIET.get()[0]) {
          out.write(b, off, len);
        }
      }
    }, true);
  }

  /** Runs {@code call} with this thread's writes to {@code System.err} dropped. */
  static <T> T during(Callable<T> call) throws Exception {
    install();
    boolean[] quiet = QUIET.get();
    boolean was = quiet[0];
    quiet[0] = true;
    try {
      return call.call();
    } finally {
      quiet[0] = was;
    }
  }

  /** Puts the gate in front of whatever {@code System.err} is now (once; again if someone replaced it since). */
  private static void install() {
    if (!(System.err instanceof QuietStderr)) {
      synchronized (QuietStderr.class) {
        if (!(System.err instanceof QuietStderr)) {
          System.setErr(new QuietStderr(System.err));
        }
      }
    }
  }
}
