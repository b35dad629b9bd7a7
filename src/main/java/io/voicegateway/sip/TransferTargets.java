package io.voicegateway.sip;

import io.voicegateway.call.RouteTarget;
import io.voicegateway.config.ProviderConfig;
import io.voicegateway.media.codec.CodecType;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a transfer's route rings: every live binding of the route's devices, or the route's trunk. Stands in
 * for the B2BUA's target resolution until the transfer uses the same one as inbound calls.
 */
final class TransferTargets {
  private final SipServices s;

  TransferTargets(SipServices s) {
    this.s = s;
  }

  List<BridgeTarget> resolve(RouteTarget target) {
    List<CodecType> codecs = s.sdp.preference();
    List<BridgeTarget> out = new ArrayList<>();
    if (target.kind() == RouteTarget.Kind.DEVICES) {
      for (String device : target.devices()) {
        s.registrar.contactsOf(device).forEach(b -> out.add(new BridgeTarget(device, b.reachUri(), null, null,
            codecs, null)));
      }
    } else if (target.kind() == RouteTarget.Kind.PROVIDER) {
      s.config.providers().stream().filter(p -> p.id().equals(target.name())).findFirst()
          .ifPresent(p -> out.add(new BridgeTarget(p.id(), uri(p, target.number()), p.username(), p.password(),
              codecs, null)));
    }
    return out;
  }

  private static String uri(ProviderConfig p, String number) {
    String transport = p.transport() == null || "udp".equalsIgnoreCase(p.transport()) ? ""
        : ";transport=" + p.transport();
    return "sip:" + number + "@" + p.host() + (p.port() > 0 ? ":" + p.port() : "") + transport;
  }
}
