package io.voicegateway;

import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.sip.CallMetrics;
import java.time.Duration;

/** The gateway's meters as the SIP side counts into them (vg_media_active_calls, …_total_calls, …). */
public final class SipCallMetrics implements CallMetrics {
  private final GatewayMetrics metrics;

  public SipCallMetrics(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void callStarted() {
    metrics.callStarted();
  }

  @Override
  public void callEnded(Duration connected) {
    metrics.callEnded(connected);
  }

  @Override
  public void codecNegotiationError() {
    metrics.codecNegotiationError();
  }
}
