package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.policy.ClickToCall.Contact;
import io.voicegateway.sip.registrar.Registrar;
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
  private final Registrar registrar;
  private final BindingQualifier qualifier;
  private final io.voicegateway.control.policy.ClickToCall policy;

  ClickToCall(Registrar registrar, BindingQualifier qualifier, io.voicegateway.control.policy.ClickToCall policy) {
    this.registrar = registrar;
    this.qualifier = qualifier;
    this.policy = policy;
  }

  /**
   * Fails with a {@link io.voicegateway.control.CallFailure}: 404, 480, or the device's refusal.
   *
   * @param originate places the first leg (the device's), completing with the call id once it answered
   */
  Future<String> start(String deviceId, String number, Map<String, String> headers,
      Function<OutboundCall, Future<String>> originate) {
    List<Contact> contacts = registrar.contactsOf(deviceId).stream()
        .map(b -> new Contact(b.deviceId(), registrar.requestUri(b), qualifier.reachable(b)))
        .toList();
    return policy.start(deviceId, number, contacts,
        reach -> originate.apply(new OutboundCall(reach, number, null, null, headers, null)));
  }
}
