package io.voicegateway.control.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.config.ConfigLoader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceClassifierTest {
  private final SourceClassifier classifier = new SourceClassifier(ConfigLoader.parse("""
      providers:
        - {id: v4net, host: sip.carrier.example, inbound_ips: [203.0.113.0/24, 198.51.100.7]}
        - {id: v6net, host: sip.other.example, inbound_ips: ['2001:db8:a::/48']}
        - {id: byhost, host: 192.0.2.9}
        - {id: odd, host: x.example, inbound_ips: [10.1.0.0/15]}
      """, Map.of()).providers());

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  @Test
  void ipv4CidrAndSingleAddress() throws UnknownHostException {
    assertEquals(Optional.of("v4net"), classifier.trunkOf(ip("203.0.113.0")));
    assertEquals(Optional.of("v4net"), classifier.trunkOf(ip("203.0.113.255")));
    assertEquals(Optional.empty(), classifier.trunkOf(ip("203.0.114.1")));
    assertEquals(Optional.of("v4net"), classifier.trunkOf(ip("198.51.100.7")));
    assertEquals(Optional.empty(), classifier.trunkOf(ip("198.51.100.8")));
  }

  @Test
  void prefixNotOnAByteBoundary() throws UnknownHostException {
    // 10.1.0.0/15 written with a host bit set still means 10.0.0.0 – 10.1.255.255
    assertEquals(Optional.of("odd"), classifier.trunkOf(ip("10.0.0.1")));
    assertEquals(Optional.of("odd"), classifier.trunkOf(ip("10.1.255.255")));
    assertEquals(Optional.empty(), classifier.trunkOf(ip("10.2.0.0")));
  }

  @Test
  void ipv6Cidr() throws UnknownHostException {
    assertEquals(Optional.of("v6net"), classifier.trunkOf(ip("2001:db8:a:ffff::1")));
    assertEquals(Optional.empty(), classifier.trunkOf(ip("2001:db8:b::1")));
    assertEquals(Optional.empty(), classifier.trunkOf(ip("::1")));
  }

  @Test
  void aTrunkGivenByIpIsRecognisedByThatIpWithoutInboundIps() throws UnknownHostException {
    assertEquals(Optional.of("byhost"), classifier.trunkOf(ip("192.0.2.9")));
  }

  @Test
  void classifyPrefersAuthenticationOverAddress() throws UnknownHostException {
    assertEquals(CallSource.device("alice"), classifier.classify(ip("203.0.113.1"), "alice"));
    assertEquals(CallSource.trunk("v4net"), classifier.classify(ip("203.0.113.1"), null));
    assertEquals(CallSource.unknown(), classifier.classify(ip("127.0.0.1"), null));
  }
}
