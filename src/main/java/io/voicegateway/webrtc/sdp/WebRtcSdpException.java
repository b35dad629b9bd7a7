package io.voicegateway.webrtc.sdp;

/**
 * A browser's offer the gateway refuses, with a reason a person can act on (it goes back to the page over the
 * signalling channel as it is). Nothing has been set up when this is thrown: the session keeps its previous state.
 */
public final class WebRtcSdpException extends Exception {

  public WebRtcSdpException(String message) {
    super(message);
  }
}
