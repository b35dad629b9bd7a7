package io.voicegateway.sip;

import java.time.Duration;

/**
 * What the SIP side counts: calls from CONNECTED on and how long they were connected, and offers or answers refused
 * for their codecs. The composition root wires it to the gateway's meters, so sip/ imports no metrics/.
 */
public interface CallMetrics {
  void callStarted();

  void callEnded(Duration connected);

  void codecNegotiationError();
}
