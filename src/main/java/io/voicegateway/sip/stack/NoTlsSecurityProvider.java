package io.voicegateway.sip.stack;

import gov.nist.core.net.SecurityManagerProvider;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * JAIN-SIP's security manager for a stack with neither {@code tls} nor {@code wss} listening: holds nothing. The
 * stack's default one initialises the JVM's key and trust manager factories whatever the transports, which parses
 * every root certificate of the JDK's cacerts on the start-up's critical path (issue 13: ~270 classes and the
 * certificates' parsing, for a stack that never opens a TLS socket). Without a TLS listening point JAIN-SIP cannot
 * open a TLS connection either, so nothing asks this for managers; if something did, it fails loudly.
 */
public final class NoTlsSecurityProvider implements SecurityManagerProvider {
  /** JAIN-SIP instantiates it by name, with this constructor. */
  public NoTlsSecurityProvider() {}

  @Override
  public void init(Properties properties) {
    // nothing to load: no TLS transport is configured
  }

  @Override
  public KeyManager[] getKeyManagers(boolean client) {
    throw new IllegalStateException("no TLS transport is configured (media.sip_transport)");
  }

  @Override
  public TrustManager[] getTrustManagers(boolean client) {
    throw new IllegalStateException("no TLS transport is configured (media.sip_transport)");
  }
}
