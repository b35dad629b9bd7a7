package io.voicegateway.testing;

import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * JAIN-SIP's NIST factories, for the tests that parse and build SIP messages without a stack (registrar, INVITE
 * authentication, held bindings, qualifying): the gateway's own stack uses the same implementation.
 */
public final class NistSip {
  private NistSip() {}

  public static MessageFactory messages() {
    try {
      return factory().createMessageFactory();
    } catch (PeerUnavailableException e) {
      throw new IllegalStateException(e);
    }
  }

  public static HeaderFactory headers() {
    try {
      return factory().createHeaderFactory();
    } catch (PeerUnavailableException e) {
      throw new IllegalStateException(e);
    }
  }

  public static AddressFactory addresses() {
    try {
      return factory().createAddressFactory();
    } catch (PeerUnavailableException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SipFactory factory() {
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    return factory;
  }
}
