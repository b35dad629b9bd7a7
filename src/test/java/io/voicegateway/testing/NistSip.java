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
    return create(SipFactory::createMessageFactory);
  }

  public static HeaderFactory headers() {
    return create(SipFactory::createHeaderFactory);
  }

  public static AddressFactory addresses() {
    return create(SipFactory::createAddressFactory);
  }

  private interface Creation<T> {
    T of(SipFactory factory) throws PeerUnavailableException;
  }

  private static <T> T create(Creation<T> creation) {
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    try {
      return creation.of(factory);
    } catch (PeerUnavailableException e) {
      throw new IllegalStateException("JAIN-SIP's NIST implementation is not on the class path", e);
    }
  }
}
