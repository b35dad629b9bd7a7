package io.voicegateway.bus;

/** Requests served by the SIP verticle. */
public final class SipCommands {
  private SipCommands() {}

  /** End a call from the gateway side: BYE to every connected leg, CANCEL/487 to pending ones. */
  public record Hangup(String callId, String reason) {}

  /** Start ({@code enabled}) or stop a call's 16 kHz audio feed on {@link Addresses#audio(String)}. */
  public record Stream(String callId, boolean enabled) {}
}
