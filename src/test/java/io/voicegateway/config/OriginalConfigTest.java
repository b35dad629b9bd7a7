package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code media:} section of the original voicetyped configuration, as its documentation prints it
 * (src/test/resources/original-config/media-gateway.yaml): it loads untouched and means what it says.
 * OriginalConfigIT starts a gateway on it.
 */
class OriginalConfigTest {
  static final Path ORIGINAL = Path.of("src/test/resources/original-config/media-gateway.yaml");

  @Test
  void theOriginalMediaSectionLoadsAsWritten() {
    MediaConfig m = ConfigLoader.load(ORIGINAL, Map.of("SIP_PASSWORD", "not-used-by-this-section")).media();
    assertEquals(5060, m.sipPort());
    assertEquals(List.of("udp"), m.sipTransports());
    assertNull(m.sipTlsCert(), "an empty string takes the default: no certificate");
    assertNull(m.sipTlsKey());
    assertEquals(10000, m.rtpPortMin());
    assertEquals(19999, m.rtpPortMax(), "10000-20000 narrowed to whole RTP/RTCP pairs");
    assertEquals(true, m.rtpSymmetric());
    assertEquals(List.of("g711-ulaw", "g711-alaw", "opus"), m.codecs());
    assertEquals("pcm16", m.outputFormat());
    assertEquals(16000, m.outputSampleRate());
    assertEquals(1, m.outputChannels());
    assertEquals(60, m.jitterBufferMs());
    assertEquals(true, m.packetLossConcealment());
    assertEquals(Duration.ofSeconds(30), m.reconnectionTimeout());
    assertEquals(Duration.ofSeconds(30), m.keepaliveInterval());
    assertEquals(Duration.ofSeconds(10), m.rtpTimeout(), "not in the section: the original's default");
  }

  @Test
  void theKeysTheIssueNamesBesideItLoadToo() {
    MediaConfig m = ConfigLoader.parse("""
        media:
          rtp_port_range: "10000-20000"
          rtp_timeout: 10s
          reconnection_timeout: 30s
          dtmf:
            method: rfc2833
          registrations:
            - uri: sip:gateway@sip.voicetyped.test
              username: gateway
              password: ${SIP_PASSWORD}
        """, Map.of("SIP_PASSWORD", "s3cret")).media();
    assertEquals(DtmfMethod.RFC4733, m.dtmf().method());
    assertEquals("s3cret", m.registrations().get(0).password());
    assertEquals(19999, m.rtpPortMax());
  }
}
