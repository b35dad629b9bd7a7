package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.policy.ClickToCall.Contact;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Click-to-call's SIP side: lists the device's registered contacts (with what the qualifier knows of them) and
 * rings the one call control's {@link io.voicegateway.control.policy.ClickToCall} chose, showing the number it is
 * about to call. Every decision — not registered, no route, which contact, what happens once it answered — is
 * call control's.
 */
final class ClickToCall {
  private final SipServices s;
  private final Function<OutboundCall, Future<String>> originate;

  /** @param originate places the first leg (the device's), completing with the call id once it answered */
  ClickToCall(SipServices s, Function<OutboundCall, Future<String>> originate) {
    this.s = s;
    this.originate = originate;
  }

  /** Fails with a {@link io.voicegateway.control.CallFailure}: 404, 480, or the device's refusal. */
  Future<String> start(String deviceId, String number, Map<String, String> headers) {
    List<Contact> contacts = s.registrar.contactsOf(deviceId).stream()
        .map(b -> new Contact(b.deviceId(), b.reachUri(), s.qualifier.reachable(b)))
        .toList();
    return s.control.clickToCall().start(deviceId, number, contacts,
        reach -> originate.apply(new OutboundCall(reach, number, null, null, headers, null)));
  }
}
