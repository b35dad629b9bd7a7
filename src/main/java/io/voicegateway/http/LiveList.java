package io.voicegateway.http;

import java.util.AbstractList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A read-only list that is whatever {@code source} gives now: the API's device, provider and route listings read
 * the configuration in force (a reload changes them) without each resource class learning about reloads.
 */
final class LiveList<T> extends AbstractList<T> {
  private final Supplier<List<T>> source;

  private LiveList(Supplier<List<T>> source) {
    this.source = source;
  }

  static <T> List<T> of(Supplier<List<T>> source) {
    return new LiveList<>(source);
  }

  @Override
  public T get(int index) {
    return source.get().get(index);
  }

  @Override
  public int size() {
    return source.get().size();
  }

  /** One read of the source, so a stream or loop never straddles a reload. */
  @Override
  public java.util.stream.Stream<T> stream() {
    return source.get().stream();
  }

  @Override
  public java.util.Iterator<T> iterator() {
    return source.get().iterator();
  }

  @Override
  public void forEach(java.util.function.Consumer<? super T> action) {
    source.get().forEach(action);
  }
}
