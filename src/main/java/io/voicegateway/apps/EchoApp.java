package io.voicegateway.apps;

/** {@code echo}: the caller hears themself one frame later ({@link EchoLeg}); no keys, no timers. */
public final class EchoApp implements App {
  @Override
  public String name() {
    return "echo";
  }

  @Override
  public AppSession attach(AppCall call) {
    EchoLeg leg = new EchoLeg();
    return () -> leg;
  }
}
