package io.voicegateway.config;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The configuration in force, replaced whole and atomically by a reload ({@link ConfigReload}). Components that
 * may change at run time (routes, devices, providers) read it per call through a {@link #view}, so a call sees
 * one configuration from start to end of what it reads, and a call in progress keeps what it already has (its
 * legs, its route's target); nothing is pushed into components one by one.
 */
public final class LiveConfig implements Supplier<GatewayConfig> {
  private final AtomicReference<GatewayConfig> current;

  public LiveConfig(GatewayConfig initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial));
  }

  /** The configuration in force now. */
  @Override
  public GatewayConfig get() {
    return current.get();
  }

  /** Puts {@code next} in force; readers see either the old one or this one, never a mix. */
  void publish(GatewayConfig next) {
    current.set(Objects.requireNonNull(next));
  }

  /**
   * What {@code derive} makes of the configuration in force (a compiled route table, a device directory),
   * made again only when a reload replaced it: per-call readers pay one volatile read and a reference compare.
   */
  public <T> Supplier<T> view(Function<GatewayConfig, T> derive) {
    return view(this, derive);
  }

  /**
   * A view of any supplier (of configurations, or of one section of the one in force), made again only when
   * the supplier returns another object than last time.
   */
  public static <S, T> Supplier<T> view(Supplier<S> source, Function<? super S, T> derive) {
    return new Supplier<>() {
      private volatile Derived<S, T> last;

      @Override
      public T get() {
        S config = source.get();
        Derived<S, T> d = last;
        if (d == null || d.from != config) {
          d = new Derived<>(config, derive.apply(config));
          last = d;
        }
        return d.value;
      }
    };
  }

  private record Derived<S, T>(S from, T value) {}
}
