package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.MediaConfig.Registration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key set away from its default is read into the records. */
class ConfigValuesTest {

  @Test
  void everyMediaKeyIsRead() {
    MediaConfig m = ConfigLoader.parse("""
        media:
          sip_port: 5070
          sip_transport: tcp
          bind_address: 127.0.0.1
          public_address: gw.example.com
          rtp_port_range: [20000, 20099]
          rtp_symmetric: false
          rtp_learning_packets: 8
          rtp_learning_silence: 2500ms
          codecs: [opus, g722]
          output_format: pcm16
          output_sample_rate: 48000
          output_channels: 1
          jitter_buffer_ms: 40
          jitter_buffer_max_ms: 40
          jitter_buffer_adaptive: false
          packet_loss_concealment: false
          reconnection_timeout: 500ms
          rtp_timeout: 2m
          keepalive_interval: 1h
          dtmf: {method: rfc4733, inband_sensitivity: 0.9}
          opus: {bitrate: 64000, complexity: 10}
          registrations:
            - uri: sip:alice@trunk.example.com;transport=tcp
              username: alice
              password: pw
              expiry: 600
            - uri: sips:bob@other.example.com
              registrar: sips:registrar.example.com
        """, Map.of()).media();
    assertEquals(5070, m.sipPort());
    assertEquals(List.of("tcp"), m.sipTransports());
    assertEquals("127.0.0.1", m.bindAddress());
    assertEquals("gw.example.com", m.publicAddress());
    assertEquals(20000, m.rtpPortMin());
    assertEquals(20099, m.rtpPortMax());
    assertFalse(m.rtpSymmetric());
    assertEquals(new MediaConfig.RtpLearning(8, Duration.ofMillis(2500)), m.rtpLearning());
    assertEquals(List.of("opus", "g722"), m.codecs());
    assertEquals(48000, m.outputSampleRate());
    assertEquals(40, m.jitterBufferMs());
    assertEquals(40, m.jitterBufferMaxMs());
    assertFalse(m.jitterBufferAdaptive());
    assertFalse(m.packetLossConcealment());
    assertEquals(Duration.ofMillis(500), m.reconnectionTimeout());
    assertEquals(Duration.ofMinutes(2), m.rtpTimeout());
    assertEquals(Duration.ofHours(1), m.keepaliveInterval());
    assertEquals(new MediaConfig.DtmfConfig(DtmfMethod.RFC4733, 0.9), m.dtmf());
    assertEquals(new MediaConfig.OpusConfig(64000, 10), m.opus());
    assertEquals(List.of(
        new Registration("sip:alice@trunk.example.com;transport=tcp", "alice", "pw", "sip:trunk.example.com", 600),
        new Registration("sips:bob@other.example.com", "", "", "sips:registrar.example.com", 3600)),
        m.registrations());
  }

  @Test
  void httpKeysAreRead() {
    HttpConfig http = ConfigLoader.parse("http: {host: 127.0.0.1, port: 18080, api_token: t0k}", Map.of()).http();
    assertEquals(new HttpConfig("127.0.0.1", 18080, "t0k", false), http);
  }

  @Test
  void rangeAsStringAndQuotedNumbersAreAccepted() {
    MediaConfig m = ConfigLoader.parse("media: {rtp_port_range: '30000 - 30001', sip_port: '5062',"
        + " rtp_symmetric: 'false'}", Map.of()).media();
    assertEquals(30000, m.rtpPortMin());
    assertEquals(30001, m.rtpPortMax());
    assertEquals(5062, m.sipPort());
    assertFalse(m.rtpSymmetric());
  }

  @Test
  void variablesAreSubstitutedInTheStreamingSection() {
    GatewayConfig config = ConfigLoader.parse("""
        streaming:
          asr:
            url: ws://${HOST}:9000/media
        """, Map.of("HOST", "asr.in"));
    assertEquals("asr.in", config.streaming().stream("asr").orElseThrow().url().getHost());
  }

  @Test
  void emptyValuesTakeTheDefault() {
    MediaConfig m = ConfigLoader.parse("media: {sip_port: '${NOPE:-}', codecs: ~, dtmf: }", Map.of()).media();
    assertEquals(5060, m.sipPort());
    assertEquals(4, m.codecs().size());
    assertEquals(DtmfMethod.BOTH, m.dtmf().method());
  }
}
