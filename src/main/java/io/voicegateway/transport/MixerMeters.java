package io.voicegateway.transport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.Mixer;
import java.util.function.ToLongFunction;

/**
 * The mixers' health as Prometheus counters, read from their own counters at scrape time (nothing is
 * added to the 20 ms path): ticks, late ticks (some call more than a frame behind) and frames skipped
 * after a stall.
 */
public final class MixerMeters {
  private MixerMeters() {}

  public static void register(MeterRegistry registry, MediaEngine media) {
    counter(registry, media, "vg_mixer_ticks", "Mixer ticks", Mixer::ticks);
    counter(registry, media, "vg_mixer_late_ticks", "Ticks that found a call more than one frame behind",
        Mixer::lateTicks);
    counter(registry, media, "vg_mixer_frames_skipped", "Frames skipped after a mixer stall",
        Mixer::framesSkipped);
  }

  private static void counter(MeterRegistry registry, MediaEngine media, String name, String help,
      ToLongFunction<Mixer> read) {
    FunctionCounter.builder(name, media, m -> m.mixers().values().stream().mapToLong(read).sum())
        .description(help)
        .register(registry);
  }
}
