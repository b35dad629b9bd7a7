package io.voicegateway.sip;

import io.voicegateway.control.Destination;
import io.voicegateway.codec.CodecType;
import java.util.List;

/**
 * One destination the B2BUA dials for a call: a registered device's contact or a trunk.
 *
 * @param label         who this is, for logs and the API: a device or provider id
 * @param requestUri    the Request-URI, e.g. a binding's {@code reachUri()} (its NAT source) or
 *                      {@code sip:+4930123@carrier:5060}
 * @param username      digest user for a 401/407 from this destination, or null
 * @param password      digest password, or null
 * @param codecs        what we offer this destination, in order of preference
 * @param localAddress  the address we put in Contact, Via and SDP toward it (a trunk's learnt public
 *                      address), or null for the gateway's own
 * @param fromUser      the From user toward it (a trunk's account), or null to present the caller's
 */
public record BridgeTarget(String label, String requestUri, String username, String password,
    List<CodecType> codecs, String localAddress, String fromUser) implements Destination {

  public BridgeTarget {
    codecs = List.copyOf(codecs);
  }
}
