package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefaultsTest {

  @Test
  void emptyFileGivesEveryDefault() {
    GatewayConfig config = ConfigLoader.parse("", Map.of());
    MediaConfig m = config.media();
    assertEquals(5060, m.sipPort());
    assertEquals(List.of("udp", "tcp"), m.sipTransports());
    assertNull(m.sipTlsCert());
    assertNull(m.sipTlsKey());
    assertEquals("0.0.0.0", m.bindAddress());
    assertEquals("127.0.0.1", m.publicAddress());
    assertEquals(10000, m.rtpPortMin());
    assertEquals(19999, m.rtpPortMax());
    assertTrue(m.rtpSymmetric());
    assertEquals(new MediaConfig.RtpLearning(4, Duration.ofSeconds(1)), m.rtpLearning());
    assertEquals(List.of("g711-ulaw", "g711-alaw", "g722", "opus"), m.codecs());
    assertEquals("pcm16", m.outputFormat());
    assertEquals(16000, m.outputSampleRate());
    assertEquals(1, m.outputChannels());
    assertEquals(60, m.jitterBufferMs());
    assertEquals(200, m.jitterBufferMaxMs());
    assertTrue(m.jitterBufferAdaptive());
    assertTrue(m.packetLossConcealment());
    assertEquals(Duration.ofSeconds(30), m.reconnectionTimeout(), "the original's value");
    assertEquals(Duration.ofSeconds(10), m.rtpTimeout());
    assertEquals(Duration.ofSeconds(30), m.keepaliveInterval());
    assertEquals(new MediaConfig.DtmfConfig(DtmfMethod.BOTH, 0.5), m.dtmf());
    assertEquals(new MediaConfig.OpusConfig(32000, 5), m.opus());
    assertEquals(List.of(), m.registrations());

    assertEquals("0.0.0.0", config.http().host());
    assertEquals(8080, config.http().port());
    assertTrue(config.http().apiTokenGenerated());
    assertEquals(List.of(), config.providers());
    assertEquals(List.of(), config.devices());
    assertEquals(ConfigLoader.DEFAULT_ROUTES, config.routes());
    assertEquals(StreamingConfig.defaults(), config.streaming());
    assertEquals(IvrConfig.defaults(), config.ivr());
    assertEquals(VoicemailConfig.defaults(), config.voicemail());
    assertEquals(RecordingConfig.defaults(), config.recording());
    assertEquals(PromptsConfig.defaults(), config.prompts());
    assertEquals(ConferencesConfig.defaults(), config.conferences());
  }

  @Test
  void generatedApiTokenIsUrlSafe32CharsAndFreshEachLoad() {
    String first = ConfigLoader.defaults().http().apiToken();
    String second = ConfigLoader.defaults().http().apiToken();
    assertEquals(32, first.length());
    assertTrue(first.matches("[A-Za-z0-9_-]{32}"), first);
    assertNotEquals(first, second);
  }

  @Test
  void configuredApiTokenIsKept() {
    HttpConfig http = ConfigLoader.parse("http: {api_token: s3cret}", Map.of()).http();
    assertEquals("s3cret", http.apiToken());
    assertFalse(http.apiTokenGenerated());
  }

  @Test
  void shippedConfigurationLoadsAndEqualsTheDefaults() {
    GatewayConfig shipped = ConfigLoader.load(Path.of("conf/voice-gateway.yaml"), Map.of());
    GatewayConfig defaults = ConfigLoader.defaults();
    assertEquals(defaults.media(), shipped.media());
    assertEquals(defaults.http().host(), shipped.http().host());
    assertEquals(defaults.http().port(), shipped.http().port());
    assertTrue(shipped.http().apiTokenGenerated());
    assertEquals(defaults.providers(), shipped.providers());
    assertEquals(defaults.devices(), shipped.devices());
    assertEquals(defaults.routes(), shipped.routes());
  }

  @Test
  void shippedConfigurationTakesItsPortsAndTokenFromTheEnvironment() {
    GatewayConfig shipped = ConfigLoader.load(Path.of("conf/voice-gateway.yaml"),
        Map.of("VG_SIP_PORT", "5080", "VG_HTTP_PORT", "9090", "VG_API_TOKEN", "from-env"));
    assertEquals(5080, shipped.media().sipPort());
    assertEquals(9090, shipped.http().port());
    assertEquals("from-env", shipped.http().apiToken());
    assertFalse(shipped.http().apiTokenGenerated());
  }

  @Test
  void publicAddressDefaultsToAConcreteBindAddress() {
    MediaConfig m = ConfigLoader.parse("media: {bind_address: 192.0.2.7}", Map.of()).media();
    assertEquals("192.0.2.7", m.publicAddress());
    assertEquals("127.0.0.1", ConfigLoader.parse("media: {bind_address: '::'}", Map.of()).media().publicAddress());
  }
}
