package io.voicegateway.control;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one {@link Dialer} call control is given when legs of several kinds can be rung: each {@link Destination} goes
 * to the dialer of its kind (a device binding to SIP, a logged-in browser to the browser leg kind), so a fork rings a
 * desk phone and a browser together without knowing either.
 */
public final class Dialers implements Dialer {
  private final Map<Class<? extends Destination>, Dialer> byKind = new LinkedHashMap<>();

  /** Routes destinations of {@code kind} (and its subtypes) to {@code dialer}; the first matching kind wins. */
  public <D extends Destination> Dialers with(Class<D> kind, Dialer dialer) {
    byKind.put(kind, dialer);
    return this;
  }

  @Override
  public Future<Dial> prepare(Call call, Destination destination, String caller, Map<String, String> headers,
      Consumer<DialOutcome> outcomes) {
    for (Map.Entry<Class<? extends Destination>, Dialer> kind : byKind.entrySet()) {
      if (kind.getKey().isInstance(destination)) {
        return kind.getValue().prepare(call, destination, caller, headers, outcomes);
      }
    }
    return Future.failedFuture(new IllegalArgumentException("no dialer for " + destination));
  }

  /** The destinations of every kind for one target, in the order given (SIP bindings first, then browsers). */
  @SafeVarargs
  public static <T> Function<T, List<? extends Destination>> union(
      Function<T, ? extends List<? extends Destination>>... sources) {
    return target -> {
      List<Destination> all = new ArrayList<>();
      for (var source : sources) {
        all.addAll(source.apply(target));
      }
      return all;
    };
  }
}
