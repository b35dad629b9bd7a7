package io.voicegateway.config;

import io.voicegateway.config.MediaConfig.DtmfConfig;
import io.voicegateway.config.MediaConfig.OpusConfig;
import io.voicegateway.codec.CodecType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Reads the {@code media:} section; its keys are those of the original configuration plus a few additions. */
final class MediaSectionReader {
  static final List<String> KEYS = List.of("sip_port", "sip_transport", "sip_tls_cert", "sip_tls_key",
      "sip_tls_ca", "bind_address", "public_address", "rtp_port_range", "rtp_symmetric", "codecs", "output_format",
      "output_sample_rate", "output_channels", "jitter_buffer_ms", "jitter_buffer_max_ms",
      "jitter_buffer_adaptive", "packet_loss_concealment", "reconnection_timeout", "rtp_timeout",
      "keepalive_interval", "dtmf", "opus", "registrations", "sip_ws_port", "sip_wss_port",
      "rtp_learning_packets", "rtp_learning_silence");
  static final List<String> DTMF_KEYS = List.of("method", "inband_sensitivity");
  static final List<String> OPUS_KEYS = List.of("bitrate", "complexity");

  static final List<String> TRANSPORTS = List.of("udp", "tcp", "tls", "ws", "wss");
  static final List<String> DEFAULT_TRANSPORTS = List.of("udp", "tcp");
  static final List<String> CODECS = Arrays.stream(CodecType.values()).map(CodecType::configName).toList();
  static final List<Integer> OUTPUT_RATES = List.of(8000, 16000, 48000);
  static final String WILDCARD = "0.0.0.0";
  /** Written into SDP when binding the wildcard: any address is better than 0.0.0.0, which means hold. */
  static final String FALLBACK_PUBLIC_ADDRESS = "127.0.0.1";

  private MediaSectionReader() {}

  static MediaConfig read(ConfigMap media) {
    int sipPort = media.port("sip_port", 5060);
    List<String> transports = media.value("sip_transport", DEFAULT_TRANSPORTS,
        v -> NameList.read(v, "transport", TRANSPORTS, TRANSPORTS::contains));
    String tlsCert = media.text("sip_tls_cert", null);
    String tlsKey = media.text("sip_tls_key", null);
    if (transports.contains("tls") || transports.contains("wss")) {
      TlsFiles.checkCertificate(required(media.get("sip_tls_cert"), "a PEM certificate chain"));
      TlsFiles.checkPrivateKey(required(media.get("sip_tls_key"), "a PEM private key"));
    }
    String tlsCa = media.text("sip_tls_ca", null);
    if (tlsCa != null) {
      TlsFiles.checkCertificate(media.get("sip_tls_ca"));
    }
    String bind = media.value("bind_address", WILDCARD, HostAddresses::bindAddress);
    String publicAddress = media.value("public_address",
        HostAddresses.isWildcard(bind) ? FALLBACK_PUBLIC_ADDRESS : bind, HostAddresses::host);

    PortRange rtp = media.value("rtp_port_range", new PortRange(10000, 19999), PortRange::read);
    if (sipPort >= rtp.min() && sipPort <= rtp.max()) {
      throw media.get("sip_port").error(sipPort + " lies inside rtp_port_range " + rtp.min() + "-" + rtp.max()
          + "; choose a SIP port outside it");
    }
    int wsPort = media.port("sip_ws_port", MediaConfig.DEFAULT_WS_PORT);
    int wssPort = media.port("sip_wss_port", MediaConfig.DEFAULT_WSS_PORT);
    WebSocketPorts.check(media, transports, sipPort, wsPort, wssPort, rtp);
    List<String> codecs = media.value("codecs", CODECS,
        v -> NameList.read(v, "codec", CODECS, name -> CodecType.byConfigName(name).isPresent()));

    String outputFormat = media.value("output_format", "pcm16", v -> v.asOneOf(List.of("pcm16")));
    int outputRate = media.value("output_sample_rate", 16000, v -> v.asIntOneOf(OUTPUT_RATES));
    int outputChannels = media.value("output_channels", 1, v -> v.asIntOneOf(List.of(1)));

    int jitterMs = media.integer("jitter_buffer_ms", 60, 20, 2000);
    int jitterMaxMs = media.integer("jitter_buffer_max_ms", 200, 20, 2000);
    if (jitterMaxMs < jitterMs) {
      throw media.get("jitter_buffer_max_ms").error(jitterMaxMs + " is below jitter_buffer_ms (" + jitterMs
          + "); the maximum must be at least the initial depth");
    }

    return new MediaConfig(sipPort, transports, tlsCert, tlsKey, tlsCa, bind, publicAddress, rtp.min(), rtp.max(),
        media.bool("rtp_symmetric", true), codecs, outputFormat, outputRate, outputChannels,
        jitterMs, jitterMaxMs, media.bool("jitter_buffer_adaptive", true),
        media.bool("packet_loss_concealment", true),
        media.positiveDuration("reconnection_timeout", Duration.ofSeconds(30)),
        media.positiveDuration("rtp_timeout", Duration.ofSeconds(10)),
        media.positiveDuration("keepalive_interval", Duration.ofSeconds(30)),
        readDtmf(media.map("dtmf", DTMF_KEYS)), readOpus(media.map("opus", OPUS_KEYS)),
        RegistrationReader.read(media.get("registrations")), wsPort, wssPort, readRtpLearning(media));
  }

  /** 1 packet is the old latch-on-first-packet; more than 50 (a second of 20 ms audio) only delays every call. */
  private static MediaConfig.RtpLearning readRtpLearning(ConfigMap media) {
    MediaConfig.RtpLearning defaults = MediaConfig.RtpLearning.DEFAULT;
    return new MediaConfig.RtpLearning(media.integer("rtp_learning_packets", defaults.packets(), 1, 50),
        media.positiveDuration("rtp_learning_silence", defaults.silence()));
  }

  private static DtmfConfig readDtmf(ConfigMap dtmf) {
    DtmfMethod method = dtmf.value("method", DtmfMethod.BOTH,
        v -> DtmfMethod.byConfigName(v.asOneOf(DtmfMethod.names())).orElseThrow());
    return new DtmfConfig(method,
        dtmf.decimal("inband_sensitivity", 0.5, 0.0, 1.0));
  }

  private static OpusConfig readOpus(ConfigMap opus) {
    // 6..510 kb/s is the whole range RFC 6716 allows; complexity is the encoder's 0..10 knob
    return new OpusConfig(opus.integer("bitrate", 32000, 6000, 510_000), opus.integer("complexity", 5, 0, 10));
  }

  private static ConfigValue required(ConfigValue value, String what) {
    if (value.isUnset()) {
      throw value.error("required when sip_transport lists tls or wss: the path of " + what);
    }
    return value;
  }
}
