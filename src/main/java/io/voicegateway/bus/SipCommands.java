package io.voicegateway.bus;

/** Requests served by the SIP verticle. */
public final class SipCommands {
  private SipCommands() {}

  /** End a call from the gateway side: BYE to every connected leg, CANCEL/487 to pending ones. */
  public record Hangup(String callId, String reason) {}
}
