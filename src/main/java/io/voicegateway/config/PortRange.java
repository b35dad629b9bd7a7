package io.voicegateway.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inclusive RTP port range, written {@code "10000-19999"} or {@code [10000, 19999]}. Every call leg
 * takes an even RTP port and the odd one above it for RTCP (RFC 3550 §11), so the range must start even
 * and hold an even number of ports.
 */
record PortRange(int min, int max) {
  private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,9})\\s*-\\s*(\\d{1,9})\\s*");

  static PortRange read(ConfigValue value) {
    PortRange range = parse(value);
    String shown = value.shown();
    if (range.min > range.max) {
      throw value.error(shown + " is reversed: the start must not be above the end, e.g. 10000-19999");
    }
    if (range.min % 2 != 0) {
      throw value.error(shown + " starts at odd port " + range.min + "; RTP ports are even, start at "
          + (range.min + 1) + " or " + (range.min - 1));
    }
    int count = range.max - range.min + 1;
    if (count < 2) {
      throw value.error(shown + " holds " + count + " port; a call leg needs at least 2 (RTP and RTCP)");
    }
    if (count % 2 != 0) {
      throw value.error(shown + " holds an odd number of ports (" + count + "); it must end on an odd port"
          + " such as " + (range.max - 1) + " or " + (range.max + 1) + " so every RTP port has its RTCP port");
    }
    return range;
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
