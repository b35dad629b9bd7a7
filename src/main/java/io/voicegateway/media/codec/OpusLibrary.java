package io.voicegateway.media.codec;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which Opus implementation this JVM's legs use, chosen once at start-up: libopus (native, no allocation
 * per frame) when it loads and passes a one-frame self-test, else Concentus (pure Java, ~140 KB of garbage
 * per leg-tick). Both are configured alike and pass the same quality tests. The system property
 * {@value #PROPERTY} = {@code concentus} forces the fallback (to compare, or to rule libopus out); {@code auto},
 * the default, prefers libopus.
 */
public final class OpusLibrary {
  public static final String PROPERTY = "voicegateway.opus";

  /** The two implementations. */
  public enum Kind {
    LIBOPUS, CONCENTUS;

    /** Lower-case name, as in {@code /health} and the system property. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final String detail;

  private OpusLibrary(Kind kind, String detail) {
    this.kind = kind;
    this.detail = detail;
  }

  private static OpusLibrary selected;

  /**
   * The implementation chosen for this JVM, on first use (the gateway asks at start-up; afterwards once per
   * leg, not per frame). Throws {@link IllegalArgumentException} naming the property for a bad value.
   */
  public static synchronized OpusLibrary selected() {
    if (selected == null) {
      selected = select(System.getProperty(PROPERTY, "auto"));
    }
    return selected;
  }

  /**
   * Refuses a bad {@value #PROPERTY} as {@link #selected()} would, without binding libopus: start-up checks it with
   * the configuration and leaves the binding (JNA, a self-test: up to a second on a cold JVM) to the warm-up.
   */
  public static void checkProperty() {
    choice(System.getProperty(PROPERTY, "auto"));
  }

  private static String choice(String property) {
    String choice = property.trim().toLowerCase(Locale.ROOT);
    if (!choice.equals(Kind.CONCENTUS.label()) && !choice.equals("auto")) {
      throw new IllegalArgumentException("system property " + PROPERTY + ": expected auto or concentus, got '"
          + property + "'");
    }
    return choice;
  }

  /** @param property the value of {@value #PROPERTY}: {@code auto} or {@code concentus} */
  static OpusLibrary select(String property) {
    if (choice(property).equals(Kind.CONCENTUS.label())) {
      return new OpusLibrary(Kind.CONCENTUS, "Concentus (pure Java), forced by -D" + PROPERTY + "=concentus");
    }
    String failure = nativeFailure();
    if (failure != null) {
      return new OpusLibrary(Kind.CONCENTUS, "Concentus (pure Java); libopus not usable: " + failure);
    }
    return new OpusLibrary(Kind.LIBOPUS, LibOpus.opus_get_version_string() + " (native, JNA direct mapping)");
  }

  /** Null when libopus is bound and round-trips a frame; otherwise why not, in one line. */
  static String nativeFailure() {
    Throwable load;
    try {
      load = LibOpus.loadFailure();
    } catch (LinkageError e) { // JNA itself missing from the class path
      load = e;
    }
    if (load != null) {
      return load.toString();
    }
    try {
      AudioEncoder enc = new NativeOpusEncoder(OpusSettings.DEFAULT);
      AudioDecoder dec = new NativeOpusDecoder();
      byte[] packet = new byte[OpusEncoderBase.MAX_PACKET];
      int len = enc.encode(new short[960], 0, 960, packet, 0);
      int samples = len > 0 ? dec.decode(packet, 0, len, new short[960], 0) : -1;
      return samples == 960 ? null : "self-test decoded " + samples + " samples of 960";
    } catch (LinkageError | RuntimeException e) { // a libopus without a symbol we bind, or a failed init
      return e.toString();
    }
  }

  public Kind kind() {
    return kind;
  }

  /** One line for the start-up log: the version, or why the fallback. */
  public String detail() {
    return detail;
  }

  /** A fresh decoder of the given implementation: for tests and benchmarks that compare the two. */
  public static AudioDecoder decoder(Kind kind) {
    return factory(kind).decoder().get();
  }

  /** A fresh encoder of the given implementation; null settings mean {@link OpusSettings#DEFAULT}. */
  public static AudioEncoder encoder(Kind kind, OpusSettings settings) {
    return factory(kind).encoder(settings);
  }

  /** How to make one implementation's codecs; also how the tests run both. */
  record Factory(Supplier<OpusDecoderBase> decoder, Function<OpusSettings, OpusEncoderBase> encoderOf) {
    /** @param settings null means {@link OpusSettings#DEFAULT} */
    OpusEncoderBase encoder(OpusSettings settings) {
      return encoderOf.apply(settings == null ? OpusSettings.DEFAULT : settings);
    }
  }

  static Factory factory(Kind kind) {
    return kind == Kind.LIBOPUS
        ? new Factory(NativeOpusDecoder::new, NativeOpusEncoder::new)
        : new Factory(ConcentusOpusDecoder::new, ConcentusOpusEncoder::new);
  }
}
