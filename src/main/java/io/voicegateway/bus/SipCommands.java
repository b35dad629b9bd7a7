package io.voicegateway.bus;

/** Requests served by the SIP verticle. */
public final class SipCommands {
  private SipCommands() {}

  /** End a call from the gateway side: BYE to every connected leg, CANCEL/487 to pending ones. */
  public record Hangup(String callId, String reason) {}

  /**
   * Ask the peer of a call to call {@code target} instead (REFER, RFC 3515): its leg ends once it reports the
   * new call answered.
   *
   * @param target a SIP URI, e.g. {@code sip:carol@example.com}
   */
  public record Transfer(String callId, String target) {}

  /** Start ({@code enabled}) or stop a call's 16 kHz audio feed on {@link Addresses#audio(String)}. */
  public record Stream(String callId, boolean enabled) {}
}
