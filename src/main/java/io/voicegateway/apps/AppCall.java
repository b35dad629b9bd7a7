package io.voicegateway.apps;

import io.vertx.core.Future;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.CallEventType;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * What the gateway offers an app on one call. Every method may be called from the apps verticle's event loop
 * (the session's callbacks); futures complete there too.
 */
public interface AppCall {
  /** The gateway's call id, as in the call events and the REST API. */
  String callId();

  /** What the app was started with (the room of {@code conference NAME}, a voicemail box), or null. */
  String argument();

  /** The caller's From URI, for display and messages' index only (anyone can write a From), or null. */
  String caller();

  /**
   * The device the caller authenticated as with digest, or null for a trunk or a stranger: the identity an app
   * may trust (a voicemail box's owner menu).
   */
  String callerDevice();

  /** The call's To: what the caller dialled, or null. */
  String called();

  /** Wall-clock milliseconds from the gateway's clock (a fake one in tests). */
  long nowMs();

  /** Ends the call: BYE to the caller, with {@code reason} in CALL_TERMINATED. */
  Future<Void> hangup(String reason);

  /** Blind transfer of the caller to {@code target} (a SIP URI); the REFER's final status. */
  Future<Integer> transfer(String target);

  /**
   * Hands the call to another app of the catalog (an IVR choice leading to a voicemail box): this session ends
   * with {@code onEnd("replaced by NAME")}, the new one takes over the call's app leg. Fails 404 for an unknown app.
   */
  Future<Void> replaceWith(String app, String argument);

  /** Runs blocking work (files, TTS, a database) on a worker; never block the event loop instead. */
  <T> Future<T> blocking(Callable<T> work);

  /** Runs {@code action} on the event loop after {@code delayMs}; a timer id for {@link #cancelTimer}. */
  long setTimer(long delayMs, Runnable action);

  void cancelTimer(long timerId);

  // ivr10: hand-off, steps, the app's executor

  /**
   * Hands the call on inside the same call ({@link CallCommands.HandOff}: ring devices, a number through a
   * provider, the caller's typed digits routed as the caller, a stream): completes with 200 once the new party
   * answered, and this session then ends with {@code onEnd("connected")}; any other status (486, 408, 404, 403,
   * 480) leaves the call with the app. Never fails for a party that did not answer.
   */
  Future<Integer> connect(CallCommands.HandOff target);

  /** Publishes an event of this call ({@code IVR_STEP}, …) with {@code reason} saying what happened. */
  void publish(CallEventType type, String reason);

  /** Runs tasks on the app's event loop (a {@code PromptPlayer}'s {@code finished}). */
  Executor executor();
}
