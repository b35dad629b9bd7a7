package io.voicegateway.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Holds what is logged before the log format is known. {@code Main} builds Vert.x while it still reads the
 * configuration (issue 13: the two were half of the start-up's serial path), and the configuration decides whether
 * lines are JSON; a line logged meanwhile is held, then written in the chosen format once {@link #release} is
 * called, so every line of a run still has one format.
 */
public final class HeldLogs {
  private final Logger root;
  private final Handler[] handlers;
  private final Holding holding = new Holding();

  private HeldLogs(Logger root) {
    this.root = root;
    this.handlers = root.getHandlers();
  }

  /** From now until {@link #release}, the root logger's handlers get nothing; what is logged waits. */
  public static HeldLogs hold() {
    HeldLogs held = new HeldLogs(Logger.getLogger(""));
    for (Handler handler : held.handlers) {
      held.root.removeHandler(handler);
    }
    held.root.addHandler(held.holding);
    return held;
  }

  /** Gives the root logger its handlers back (in JSON if {@code json}) and writes what was held, in order. */
  public void release(boolean json) {
    if (json) {
      for (Handler handler : handlers) {
        handler.setFormatter(new JsonLogFormatter());
      }
    }
    synchronized (holding) { // a line logged meanwhile waits for the held ones, then goes straight on
      for (LogRecord record : holding.released()) {
        for (Handler handler : handlers) {
          handler.publish(record);
        }
      }
      root.removeHandler(holding);
      for (Handler handler : handlers) {
        root.addHandler(handler);
      }
    }
  }

  /** Keeps records until released; one published during the hand-over is passed straight on. */
  private final class Holding extends Handler {
    private List<LogRecord> records = new ArrayList<>();

    @Override
    public synchronized void publish(LogRecord record) {
      if (records != null) {
        record.getSourceClassName(); // infer the caller now, while its frame is on this thread's stack
        records.add(record);
        return;
      }
      for (Handler handler : handlers) {
        handler.publish(record);
      }
    }

    synchronized List<LogRecord> released() {
      List<LogRecord> held = records;
      records = null;
      return held;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
