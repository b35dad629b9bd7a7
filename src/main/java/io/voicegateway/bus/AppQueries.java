package io.voicegateway.bus;

import java.util.List;

/** What the app catalog offers (see {@link Addresses#APPS_LIST}). */
public final class AppQueries {
  private AppQueries() {}

  public record ListQuery() {}

  /** The names an {@link MediaCommands.AppAttach} or an originate may use, sorted. */
  public record AppList(List<String> names) {
    public AppList {
      names = List.copyOf(names);
    }
  }
}
