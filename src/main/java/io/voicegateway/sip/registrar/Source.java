package io.voicegateway.sip.registrar;

/**
 * Where a request really came from (after NAT), so requests toward the device go there rather than to a
 * private Contact address.
 *
 * @param transport lower case: udp, tcp, tls
 */
public record Source(String host, int port, String transport) {

  @Override
  public String toString() {
    return host + ":" + port + "/" + transport;
  }
}
