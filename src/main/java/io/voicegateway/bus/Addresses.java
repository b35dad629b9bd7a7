package io.voicegateway.bus;

/**
 * Every event-bus address the verticles use. Control travels over the bus; per-frame audio does not
 * (see docs/architecture.md), except the external 16 kHz feed for consumers.
 */
public final class Addresses {
  private Addresses() {}

  /** Published {@link CallEvent}s: CALL_STARTED … AUDIO_STOPPED. */
  public static final String CALL_EVENTS = "vg.call.events";

  /** Request {@link MediaCommands.LegOpen}, reply {@link MediaCommands.LegOpened}; fails with 503 when the port pool is empty. */
  public static final String MEDIA_LEG_OPEN = "vg.media.leg.open";
  /**
   * Send {@link MediaCommands.LegStart}: negotiated codec, remote address, direction. Re-sent on re-INVITE. The
   * media side replies with the same LegStart once the leg runs: a UAS answer waits for that reply.
   */
  public static final String MEDIA_LEG_START = "vg.media.leg.start";
  /** Send {@link MediaCommands.LegClose}: stop a leg and give its ports back to the pool. */
  public static final String MEDIA_LEG_CLOSE = "vg.media.leg.close";
  /**
   * Send {@link MediaCommands.LegMove}: a leg leaves one call's mix for another's (an attended transfer joins
   * the remaining parties of two calls). The old call's media ends when it has no leg left.
   */
  public static final String MEDIA_LEG_MOVE = "vg.media.leg.move";
  /** Send {@link MediaCommands.AppAttach}: attach an app leg (echo, …) to a call in the mixer. */
  public static final String APPS_ATTACH = "vg.apps.attach";
  /** Send {@link MediaCommands.DtmfSend}: generate RFC 4733 digits toward a leg. */
  public static final String MEDIA_DTMF_SEND = "vg.media.dtmf.send";

  /** Request {@link SipCommands.Hangup}: the gateway ends a call with BYE (API, timers, media timeouts). */
  public static final String SIP_HANGUP = "vg.sip.hangup";
  /**
   * Request {@link SipCommands.Transfer}: the gateway REFERs the call's first SIP leg to a target (blind
   * transfer); reply is the REFER's final status. CALL_TRANSFERRED follows the 2xx.
   */
  public static final String SIP_TRANSFER = "vg.sip.transfer";
  /** Request with no body: reply is a JSON array of active calls (id, state, from, to). */
  public static final String SIP_CALLS = "vg.sip.calls";
  /** Published {@link TrunkRegistrationEvent}s: a trunk registration changed state. */
  public static final String TRUNK_REGISTRATION_EVENTS = "vg.trunk.registration.events";
}
