package io.voicegateway.sip.stack;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Every SIP message refused or dropped as malformed: counted by reason ({@code vg_sip_malformed_total{reason}}) and
 * logged as one line per reason and window ({@link LogFloodGuard}) naming the source and what was wrong, never the
 * payload. JVM-wide (static) because JAIN-SIP builds the parser factory that sees most of them by class name, with no
 * way to hand it an object, and a process runs one gateway. Thread-safe: the stack's threads and the SIP context
 * count here.
 */
public final class MalformedSip {
  /** Why a message was refused or dropped: a bounded set, so the metric's label stays small. */
  public enum Reason {
    /** The parser could not read it (start line, Via, From, To, Call-ID, CSeq or Content-Length, framing). */
    UNPARSEABLE,
    /** A request line whose version is not SIP/2.0: 505. */
    VERSION,
    /** A header that must appear once appeared twice (RFC 3261 §7.3.1): 400. */
    DUPLICATE_HEADER,
    /** Without a header a request needs (Call-ID, From, To, CSeq, Via, Max-Forwards): 400, or dropped. */
    MISSING_HEADER,
    /** CSeq method other than the request's: 400. */
    CSEQ,
    /** A body we cannot frame or type (no Content-Type): 400. */
    BODY,
    /** Control characters (NUL, ESC, …) in the start line or headers: binary junk, 400. */
    BINARY;

    /** The metric label: {@code duplicate_header}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Logger LOG = Logger.getLogger("io.voicegateway.sip.malformed");
  private static final LongAdder[] COUNTS = new LongAdder[Reason.values().length];
  private static final LogFloodGuard GUARD = new LogFloodGuard(System::nanoTime);

  static {
    for (int i = 0; i < COUNTS.length; i++) {
      COUNTS[i] = new LongAdder();
    }
  }

  private MalformedSip() {}

  /**
   * Counts one message refused or dropped for {@code reason} and logs it unless one of its reason was logged within
   * the window.
   *
   * @param source where it came from ({@code host:port/transport}), or null when unknown
   * @param detail what exactly was wrong; shortened to one line without byte dumps or control characters
   */
  public static void count(Reason reason, String source, String detail) {
    COUNTS[reason.ordinal()].increment();
    String line = GUARD.admit(reason.label(), "malformed SIP (" + reason.label() + ") from "
        + (source == null ? "?" : source) + ": " + detail);
    if (line != null) {
      LOG.warning(line);
    }
  }

  /** How many messages were refused or dropped for {@code reason} since the process started. */
  public static long count(Reason reason) {
    return COUNTS[reason.ordinal()].sum();
  }
}
