package io.voicegateway.bus;

import java.util.Optional;
import java.util.function.Function;

/** Looks an enum constant up by its wire name, as the contract's enums with lower-case names decode them. */
final class WireNames {
  private WireNames() {}

  /** The constant whose wire name equals {@code name}, ignoring case; empty for null or an unknown name. */
  static <E extends Enum<E>> Optional<E> find(E[] values, Function<E, String> wireName, String name) {
    for (E value : values) {
      if (wireName.apply(value).equalsIgnoreCase(name)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
