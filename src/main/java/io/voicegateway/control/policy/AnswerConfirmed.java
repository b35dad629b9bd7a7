package io.voicegateway.control.policy;

import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallState;

/**
 * The party we answered confirmed our answer (SIP: the ACK to our 2xx). When the confirmation is what brought the
 * party's media up (we offered in the answer, its answer came with the confirmation), the routed target is
 * attached now, as an answer to an offer attaches it at once; a call still ringing is connected.
 */
public final class AnswerConfirmed {
  private final CallLifecycle lifecycle;
  private final AttachTarget attach;

  public AnswerConfirmed(CallLifecycle lifecycle, AttachTarget attach) {
    this.lifecycle = lifecycle;
    this.attach = attach;
  }

  /**
   * @param mediaStarted the party's media runs since this confirmation, for the first time in the call (not a
   *                     renegotiation of media that already ran)
   */
  public void confirmed(Call call, boolean mediaStarted) {
    if (mediaStarted) {
      attach.attach(call);
    }
    if (call.state() == CallState.RINGING) {
      lifecycle.moveTo(call, CallState.CONNECTED, null);
    }
  }
}
