package io.voicegateway.bus;

import java.util.List;

/** One page of finished calls, newest first; {@code total} counts every match, not just this page. */
public record HistoryPage(long total, int page, int size, List<HistoryEntry> items) {
  public HistoryPage {
    items = List.copyOf(items);
  }

  public static HistoryPage empty(HistoryQuery query) {
    return new HistoryPage(0, query.page(), query.size(), List.of());
  }
}
