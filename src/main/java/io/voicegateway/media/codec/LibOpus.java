package io.voicegateway.media.codec;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.Map;

/**
 * libopus (Debian's {@code libopus0}) through JNA <em>direct mapping</em>: the per-frame calls are static
 * native methods whose arguments are ints and {@link Pointer}s to memory each codec allocates once, so a
 * call allocates nothing on the Java heap. (An interface-mapped library, as in {@code opus-java}, goes
 * through a proxy that boxes the arguments into an {@code Object[]} on every call.) The variadic
 * {@code opus_*_ctl} functions cannot be direct-mapped; they go through {@link Ctl} and run only when a codec
 * is set up or reset, never per frame.
 */
final class LibOpus {
  static final int APPLICATION_VOIP = 2048;
  static final int SIGNAL_VOICE = 3001;
  static final int SET_BITRATE = 4002;
  static final int SET_MAX_BANDWIDTH = 4004;
  static final int SET_COMPLEXITY = 4010;
  static final int SET_INBAND_FEC = 4012;
  static final int SET_PACKET_LOSS_PERC = 4014;
  static final int SET_DTX = 4016;
  static final int SET_SIGNAL = 4024;
  static final int GET_LOOKAHEAD = 4027;

  /** The linker name (present with libopus-dev), then the runtime soname Debian's libopus0 installs. */
  private static final String[] NAMES = {"opus", "libopus.so.0"};

  /** The variadic control calls, through an interface mapping (allocates; set-up only). */
  interface Ctl extends Library {
    int opus_encoder_ctl(Pointer st, int request, Object... args);
  }

  private static final Throwable FAILURE;
  private static final Ctl CTL;

  static {
    Throwable failure = null;
    Ctl ctl = null;
    for (String name : NAMES) {
      try {
        NativeLibrary library = NativeLibrary.getInstance(name);
        Native.register(LibOpus.class, library);
        ctl = Native.load(name, Ctl.class, Map.of());
        failure = null;
        break;
      } catch (LinkageError | RuntimeException e) {
        // UnsatisfiedLinkError: no such library, or JNA's own dispatch library could not be unpacked
        failure = failure == null ? e : failure;
      }
    }
    FAILURE = failure;
    CTL = ctl;
  }

  private LibOpus() {}

  /** Null when libopus is loaded and bound; otherwise why not. */
  static Throwable loadFailure() {
    return FAILURE;
  }

  static native String opus_get_version_string();

  static native int opus_decoder_get_size(int channels);

  static native int opus_decoder_init(Pointer st, int sampleRate, int channels);

  /** {@code data} null conceals a lost frame. Returns samples per channel, or a negative error. */
  static native int opus_decode(Pointer st, Pointer data, int len, Pointer pcm, int frameSize, int decodeFec);

  static native int opus_encoder_get_size(int channels);

  static native int opus_encoder_init(Pointer st, int sampleRate, int channels, int application);

  /** Returns the packet length, or a negative error. */
  static native int opus_encode(Pointer st, Pointer pcm, int frameSize, Pointer data, int maxDataBytes);

  static void encoderCtl(Pointer st, int request, int value) {
    check("opus_encoder_ctl " + request, CTL.opus_encoder_ctl(st, request, value));
  }

  static int encoderGet(Pointer st, int request) {
    IntByReference value = new IntByReference();
    check("opus_encoder_ctl " + request, CTL.opus_encoder_ctl(st, request, value));
    return value.getValue();
  }

  /** Throws on a negative libopus return code (set-up only: a frame's error is a lost frame, not this). */
  static void check(String what, int rc) {
    if (rc < 0) {
      throw new IllegalStateException(what + " failed: libopus error " + rc);
    }
  }
}
