package io.voicegateway.bus;

/**
 * A page of the history: calls started in {@code [fromMs, toMs)} whose caller or callee contains
 * {@code number}, newest first.
 *
 * @param fromMs  earliest start, epoch ms (inclusive); 0 for no bound
 * @param toMs    latest start, epoch ms (exclusive); {@link Long#MAX_VALUE} for no bound
 * @param number  a substring of the From or To URI, or null for any
 * @param page    1-based page number
 * @param size    entries per page, 1..{@link #MAX_SIZE}
 */
public record HistoryQuery(long fromMs, long toMs, String number, int page, int size) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 500;

  public HistoryQuery {
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more, got " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ", got " + size);
    }
    if (fromMs > toMs) {
      throw new IllegalArgumentException("from (" + fromMs + ") is after to (" + toMs + ")");
    }
    number = number == null || number.isBlank() ? null : number.trim();
  }

  /** The first page of everything. */
  public static HistoryQuery all() {
    return new HistoryQuery(0, Long.MAX_VALUE, null, 1, DEFAULT_SIZE);
  }

  /** Rows to skip for this page. */
  public long offset() {
    return (long) (page - 1) * size;
  }
}
