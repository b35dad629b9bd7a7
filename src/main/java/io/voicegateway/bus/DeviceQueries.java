package io.voicegateway.bus;

import java.util.List;

/** What the registrar knows of devices, asked for by the REST API and the dashboard (see {@link Addresses}). */
public final class DeviceQueries {
  private DeviceQueries() {}

  /** The live bindings of one device. @param device its id or extension */
  public record BindingsQuery(String device) {}

  /**
   * @param device     as asked
   * @param bindings   empty when the device is unknown or not registered
   * @param lastSeenMs when it last registered (wall-clock ms), null if never
   */
  public record Bindings(String device, List<Binding> bindings, Long lastSeenMs) {
    public Bindings {
      bindings = List.copyOf(bindings);
    }
  }

  /**
   * One registered contact.
   *
   * @param contact          the Contact URI as the device sent it
   * @param sourceHost       where its REGISTER came from (host, port, transport): requests to it go there
   * @param reachUri         the URI to send a request to: the contact's user at the source address (NAT-safe)
   * @param expiresInSeconds whole seconds left, by the registrar's clock when it answered
   */
  public record Binding(String deviceId, String contact, String sourceHost, int sourcePort, String transport,
      String reachUri, long expiresInSeconds) {

    /** {@code host:port/transport}, as the dashboard shows where a phone registered from. */
    public String source() {
      return sourceHost + ":" + sourcePort + "/" + transport;
    }
  }

  /** Every live binding with its OPTIONS qualify status. */
  public record QualifyQuery() {}

  public record QualifyStatuses(List<Qualified> bindings) {
    public QualifyStatuses {
      bindings = List.copyOf(bindings);
    }
  }

  /**
   * @param reachable    false after too many OPTIONS in a row went unanswered; true while unknown
   * @param rttMs        round-trip time of the last answered OPTIONS, -1 before any answer
   * @param missed       OPTIONS in a row without an answer
   * @param lastAnswerMs wall-clock time of the last answer, 0 before any
   * @param lastCheckMs  wall-clock time the last OPTIONS was answered or given up on, 0 before any
   */
  public record Qualified(Binding binding, boolean reachable, long rttMs, int missed, long lastAnswerMs,
      long lastCheckMs) {}
}
