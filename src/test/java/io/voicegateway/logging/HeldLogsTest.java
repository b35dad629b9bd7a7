package io.voicegateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Lines logged while Main still reads the configuration wait, then come out in the format it chose, in order. */
class HeldLogsTest {
  private static final Logger LOG = Logger.getLogger(HeldLogsTest.class.getName());

  /** Records what reaches it and with which formatter it would write them. */
  private static final class Capture extends Handler {
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void publish(LogRecord record) {
      lines.add(getFormatter().getClass().getSimpleName() + ": " + record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void heldLinesWaitForTheFormatThenComeOutInOrderAndLaterOnesGoStraightOn() {
    Logger root = Logger.getLogger("");
    Map<Handler, Formatter> formats = new HashMap<>();
    for (Handler h : root.getHandlers()) {
      formats.put(h, h.getFormatter());
    }
    Capture capture = new Capture();
    capture.setFormatter(new java.util.logging.SimpleFormatter());
    root.addHandler(capture);
    try {
      HeldLogs held = HeldLogs.hold();
      LOG.log(Level.WARNING, "first");
      LOG.log(Level.INFO, "second");
      assertTrue(capture.lines.isEmpty(), "held: " + capture.lines);
      assertTrue(List.of(root.getHandlers()).stream().noneMatch(h -> h == capture), "no handler writes meanwhile");

      held.release(true);
      LOG.info("third");
      assertEquals(List.of("JsonLogFormatter: first", "JsonLogFormatter: second", "JsonLogFormatter: third"),
          capture.lines);
      assertTrue(List.of(root.getHandlers()).contains(capture), "the handlers are back");
      assertInstanceOf(JsonLogFormatter.class, capture.getFormatter());
    } finally {
      root.removeHandler(capture);
      formats.forEach(Handler::setFormatter);
    }
  }

  @Test
  void releasedInTheDefaultFormatTheFormattersStay() {
    Logger root = Logger.getLogger("");
    Capture capture = new Capture();
    capture.setFormatter(new java.util.logging.SimpleFormatter());
    root.addHandler(capture);
    try {
      HeldLogs held = HeldLogs.hold();
      LOG.warning("early");
      held.release(false);
      assertEquals(List.of("SimpleFormatter: early"), capture.lines);
    } finally {
      root.removeHandler(capture);
    }
  }
}
