package io.voicegateway.config;

import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inclusive RTP port range, written {@code "10000-19999"} or {@code [10000, 19999]}. Every call leg
 * takes an even RTP port and the odd one above it for RTCP (RFC 3550 §11), so the range used starts even
 * and holds an even number of ports. A range written otherwise (the original configuration's
 * {@code "10000-20000"}) is narrowed to the largest such range inside it, with one log line saying so.
 */
record PortRange(int min, int max) {
  private static final Logger LOG = Logger.getLogger(PortRange.class.getName());
  private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,9})\\s*-\\s*(\\d{1,9})\\s*");

  static PortRange read(ConfigValue value) {
    PortRange written = parse(value);
    String shown = value.shown();
    if (written.min > written.max) {
      throw value.error(shown + " is reversed: the start must not be above the end, e.g. 10000-19999");
    }
    PortRange used = written.evenPairs();
    if (used.max - used.min + 1 < 2) {
      throw value.error(shown + " holds no even/odd port pair; a call leg needs at least 2 ports (RTP and RTCP),"
          + " e.g. 10000-10001");
    }
    if (!used.equals(written)) {
      LOG.warning(() -> value.path() + " " + written + " holds " + written.count() + " ports starting "
          + (written.min % 2 == 0 ? "even" : "odd") + "; using " + used + " (" + used.count()
          + " ports): every RTP port needs an even number and its RTCP port the odd one above it");
    }
    return used;
  }

  /** The largest range inside this one that starts even and holds an even number of ports. */
  PortRange evenPairs() {
    int start = min % 2 == 0 ? min : min + 1;
    int end = (max - start + 1) % 2 == 0 ? max : max - 1;
    return new PortRange(start, end);
  }

  int count() {
    return max - min + 1;
  }

  @Override
  public String toString() {
    return min + "-" + max;
  }

  private static PortRange parse(ConfigValue value) {
    String expected = "a range \"10000-19999\" or a list [10000, 19999] of ports 1..65535";
    if (value.isScalar()) {
      Matcher m = TEXT.matcher(value.asText());
      if (!m.matches()) {
        throw value.error("expected " + expected + ", got " + value.shown());
      }
      int min = Integer.parseInt(m.group(1));
      int max = Integer.parseInt(m.group(2));
      for (int port : new int[] {min, max}) {
        if (port < 1 || port > 65535) {
          throw value.error(value.shown() + " names port " + port + "; ports are 1..65535");
        }
      }
      return new PortRange(min, max);
    }
    List<ConfigValue> ends = value.isList() ? value.asList(false) : List.of();
    if (ends.size() != 2) {
      throw value.error("expected " + expected + ", got " + value.shown());
    }
    return new PortRange(ends.get(0).asPort(), ends.get(1).asPort());
  }
}
