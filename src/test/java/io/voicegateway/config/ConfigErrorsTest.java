package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each class of mistake names its key path and shows the offending value and what is allowed. */
class ConfigErrorsTest {

  static Stream<Arguments> mistakes() {
    return Stream.of(
        // unknown keys, with the closest known key suggested
        Arguments.of("unknown top-level", "medai: {}", "medai", "'medai'", "did you mean 'media'"),
        Arguments.of("unknown media key", "media: {sip_prot: 5060}", "media.sip_prot", "'sip_prot'", "did you mean 'sip_port'"),
        Arguments.of("unknown http key", "http: {token: x}", "http.token", "'token'", "api_token"),
        Arguments.of("unknown dtmf key", "media: {dtmf: {mode: both}}", "media.dtmf.mode", "'mode'", "method"),
        Arguments.of("unknown opus key", "media: {opus: {bitrat: 1}}", "media.opus.bitrat", "'bitrat'", "did you mean 'bitrate'"),
        Arguments.of("unknown registration key", "media: {registrations: [{uri: 'sip:a@b', pass: x}]}",
            "media.registrations[0].pass", "'pass'", "password"),
        // wrong types
        Arguments.of("list for a port", "media: {sip_port: [5060, 5061]}", "media.sip_port", "[5060,5061]", "1..65535"),
        Arguments.of("text for a port", "http: {port: abc}", "http.port", "'abc'", "1..65535"),
        Arguments.of("fraction for a port", "http: {port: 80.5}", "http.port", "80.5", "an integer"),
        Arguments.of("text for a boolean", "media: {rtp_symmetric: maybe}", "media.rtp_symmetric", "'maybe'", "true or false"),
        Arguments.of("scalar for a section", "media: 5", "media", "5", "a mapping"),
        Arguments.of("list for dtmf", "media: {dtmf: [both]}", "media.dtmf", "[\"both\"]", "a mapping"),
        Arguments.of("mapping for registrations", "media: {registrations: {uri: x}}", "media.registrations", "mapping", "a list"),
        Arguments.of("text for a number", "media: {dtmf: {inband_sensitivity: high}}", "media.dtmf.inband_sensitivity", "'high'", "0.0..1.0"),
        // ports
        Arguments.of("port zero", "media: {sip_port: 0}", "media.sip_port", "0", "1..65535"),
        Arguments.of("port too high", "http: {port: 70000}", "http.port", "70000", "1..65535"),
        Arguments.of("sip port inside rtp range", "media: {sip_port: 10002}", "media.sip_port", "10002", "rtp_port_range"),
        // RTP port range
        Arguments.of("reversed range", "media: {rtp_port_range: 20000-10001}", "media.rtp_port_range", "'20000-10001'", "reversed"),
        Arguments.of("no pair inside", "media: {rtp_port_range: [10001, 10002]}", "media.rtp_port_range", "[10001,10002]", "pair"),
        Arguments.of("single port", "media: {rtp_port_range: 10000-10000}", "media.rtp_port_range", "'10000-10000'", "at least 2"),
        Arguments.of("three-element range", "media: {rtp_port_range: [1, 2, 3]}", "media.rtp_port_range", "[1,2,3]", "10000-19999"),
        Arguments.of("range port too high", "media: {rtp_port_range: 70000-70001}", "media.rtp_port_range", "70000", "1..65535"),
        Arguments.of("range element not a port", "media: {rtp_port_range: [10000, x]}", "media.rtp_port_range[1]", "'x'", "1..65535"),
        // names from a closed set
        Arguments.of("unknown codec", "media: {codecs: [g711-ulaw, g729]}", "media.codecs[1]", "'g729'", "g711-ulaw, g711-alaw, g722, opus"),
        Arguments.of("duplicate codec", "media: {codecs: [opus, g722, opus]}", "media.codecs[2]", "'opus'", "twice"),
        Arguments.of("empty codecs", "media: {codecs: []}", "media.codecs", "empty", "g711-ulaw"),
        Arguments.of("unknown transport", "media: {sip_transport: [udp, sctp]}", "media.sip_transport[1]", "'sctp'", "udp, tcp, tls, ws, wss"),
        Arguments.of("duplicate transport", "media: {sip_transport: [udp, udp]}", "media.sip_transport[1]", "'udp'", "twice"),
        Arguments.of("unknown dtmf method", "media: {dtmf: {method: sipinfo}}", "media.dtmf.method", "'sipinfo'", "rfc4733, inband, both"),
        Arguments.of("unsupported output format", "media: {output_format: mp3}", "media.output_format", "'mp3'", "pcm16"),
        Arguments.of("unsupported rate", "media: {output_sample_rate: 44100}", "media.output_sample_rate", "44100", "8000, 16000, 48000"),
        Arguments.of("stereo output", "media: {output_channels: 2}", "media.output_channels", "2", "one of 1"),
        // numeric limits
        Arguments.of("jitter max below initial", "media: {jitter_buffer_ms: 100, jitter_buffer_max_ms: 80}", "media.jitter_buffer_max_ms", "80", "jitter_buffer_ms"),
        Arguments.of("no learning packets", "media: {rtp_learning_packets: 0}", "media.rtp_learning_packets", "0", "1..50"),
        Arguments.of("learning silence zero", "media: {rtp_learning_silence: 0s}", "media.rtp_learning_silence", "'0s'", "longer than zero"),
        Arguments.of("learning silence not a duration", "media: {rtp_learning_silence: soon}", "media.rtp_learning_silence", "'soon'", "duration"),
        Arguments.of("jitter too small", "media: {jitter_buffer_ms: 10}", "media.jitter_buffer_ms", "10", "20..2000"),
        Arguments.of("sensitivity above 1", "media: {dtmf: {inband_sensitivity: 1.5}}", "media.dtmf.inband_sensitivity", "1.5", "0.0..1.0"),
        Arguments.of("opus bitrate", "media: {opus: {bitrate: 1000}}", "media.opus.bitrate", "1000", "6000..510000"),
        Arguments.of("opus complexity", "media: {opus: {complexity: 11}}", "media.opus.complexity", "11", "0..10"),
        // durations
        Arguments.of("bad duration unit", "media: {rtp_timeout: 5w}", "media.rtp_timeout", "'5w'", "ms, s, m, h or d"),
        Arguments.of("fractional duration", "media: {keepalive_interval: 1.5s}", "media.keepalive_interval", "'1.5s'", "30s"),
        Arguments.of("negative duration", "media: {reconnection_timeout: -5}", "media.reconnection_timeout", "-5", "seconds"),
        Arguments.of("zero duration", "media: {rtp_timeout: 0s}", "media.rtp_timeout", "'0s'", "longer than zero"),
        // addresses and registrations
        Arguments.of("bind to a host name", "media: {bind_address: myhost}", "media.bind_address", "'myhost'", "IPv4 or IPv6"),
        Arguments.of("bad public address", "media: {public_address: 'a b'}", "media.public_address", "'a b'", "host name"),
        Arguments.of("registration without uri", "media: {registrations: [{username: a}]}", "media.registrations[0].uri", "required", "sip:"),
        Arguments.of("registration uri not sip", "media: {registrations: [{uri: 'http://x'}]}", "media.registrations[0].uri", "'http://x'", "sip:user@host"),
        // the document itself
        Arguments.of("not a mapping", "- a\n- b", "", "[\"a\",\"b\"]", "mapping of sections"),
        Arguments.of("not YAML", "media: {sip_port: [5060", "", "not valid YAML", "line"),
        Arguments.of("duplicate key", "media:\n  sip_port: 5060\n  sip_port: 5062", "media.sip_port", "'sip_port'", "twice"),
        Arguments.of("yes is not a boolean", "media: {rtp_symmetric: yes}", "media.rtp_symmetric", "'yes'", "true or false"),
        Arguments.of("hex port", "media: {sip_port: 0x13C4}", "media.sip_port", "'0x13C4'", "1..65535"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void namesKeyPathValueAndWhatIsAllowed(String name, String yaml, String keyPath, String shownValue, String allowed) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, Map.of()));
    assertEquals(keyPath, e.keyPath(), e.getMessage());
    // A whole-file error (empty key path) has no "path: " prefix.
    assertTrue(keyPath.isEmpty() ? !e.getMessage().startsWith(":") : e.getMessage().startsWith(keyPath + ": "),
        e.getMessage());
    assertTrue(e.getMessage().contains(shownValue), "shows " + shownValue + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(allowed), "says " + allowed + ": " + e.getMessage());
  }
}
