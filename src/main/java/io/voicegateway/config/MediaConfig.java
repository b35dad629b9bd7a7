package io.voicegateway.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code media:} section. Keys of the original voice-gateway configuration are accepted verbatim
 * (sip_port, sip_transport, …); bind_address, public_address and opus are additions.
 *
 * @param sipTransports  lower-case: udp, tcp, tls, ws, wss (SIP over WebSocket, RFC 7118)
 * @param sipTlsCa       PEM CA certificates trusted for outbound TLS besides the JDK's, or null
 * @param bindAddress    where SIP and RTP sockets listen (default 0.0.0.0)
 * @param publicAddress  the address written into Contact, Via and SDP c= (default: bindAddress, or
 *                       127.0.0.1 when binding the wildcard and nothing better is known)
 * @param codecs         configuration names in order of preference: g711-ulaw, g711-alaw, g722, opus
 * @param sipWsPort      where SIP over WebSocket listens when sip_transport lists ws
 * @param sipWssPort     where SIP over secure WebSocket listens when sip_transport lists wss (sip_tls_cert/key)
 * @param rtpLearning    strict RTP learning: {@code rtp_learning_packets} and {@code rtp_learning_silence}
 */
public record MediaConfig(
    int sipPort,
    List<String> sipTransports,
    String sipTlsCert,
    String sipTlsKey,
    String sipTlsCa,
    String bindAddress,
    String publicAddress,
    int rtpPortMin,
    int rtpPortMax,
    boolean rtpSymmetric,
    List<String> codecs,
    String outputFormat,
    int outputSampleRate,
    int outputChannels,
    int jitterBufferMs,
    int jitterBufferMaxMs,
    boolean jitterBufferAdaptive,
    boolean packetLossConcealment,
    Duration reconnectionTimeout,
    Duration rtpTimeout,
    Duration keepaliveInterval,
    DtmfConfig dtmf,
    OpusConfig opus,
    List<Registration> registrations,
    int sipWsPort,
    int sipWssPort,
    RtpLearning rtpLearning) {

  /** The default port of SIP over WebSocket (as Kamailio and Asterisk examples use). */
  public static final int DEFAULT_WS_PORT = 5066;
  /** The default port of SIP over secure WebSocket. */
  public static final int DEFAULT_WSS_PORT = 7443;

  /** Without WebSocket ports: the defaults (the transports say whether they are listened on at all). */
  public MediaConfig(int sipPort, List<String> sipTransports, String sipTlsCert, String sipTlsKey, String sipTlsCa,
      String bindAddress, String publicAddress, int rtpPortMin, int rtpPortMax, boolean rtpSymmetric,
      List<String> codecs, String outputFormat, int outputSampleRate, int outputChannels, int jitterBufferMs,
      int jitterBufferMaxMs, boolean jitterBufferAdaptive, boolean packetLossConcealment,
      Duration reconnectionTimeout, Duration rtpTimeout, Duration keepaliveInterval, DtmfConfig dtmf,
      OpusConfig opus, List<Registration> registrations) {
    this(sipPort, sipTransports, sipTlsCert, sipTlsKey, sipTlsCa, bindAddress, publicAddress, rtpPortMin, rtpPortMax,
        rtpSymmetric, codecs, outputFormat, outputSampleRate, outputChannels, jitterBufferMs, jitterBufferMaxMs,
        jitterBufferAdaptive, packetLossConcealment, reconnectionTimeout, rtpTimeout, keepaliveInterval, dtmf, opus,
        registrations, DEFAULT_WS_PORT, DEFAULT_WSS_PORT);
  }

  /** Without the strict-RTP keys: their defaults. */
  public MediaConfig(int sipPort, List<String> sipTransports, String sipTlsCert, String sipTlsKey, String sipTlsCa,
      String bindAddress, String publicAddress, int rtpPortMin, int rtpPortMax, boolean rtpSymmetric,
      List<String> codecs, String outputFormat, int outputSampleRate, int outputChannels, int jitterBufferMs,
      int jitterBufferMaxMs, boolean jitterBufferAdaptive, boolean packetLossConcealment,
      Duration reconnectionTimeout, Duration rtpTimeout, Duration keepaliveInterval, DtmfConfig dtmf,
      OpusConfig opus, List<Registration> registrations, int sipWsPort, int sipWssPort) {
    this(sipPort, sipTransports, sipTlsCert, sipTlsKey, sipTlsCa, bindAddress, publicAddress, rtpPortMin, rtpPortMax,
        rtpSymmetric, codecs, outputFormat, outputSampleRate, outputChannels, jitterBufferMs, jitterBufferMaxMs,
        jitterBufferAdaptive, packetLossConcealment, reconnectionTimeout, rtpTimeout, keepaliveInterval, dtmf, opus,
        registrations, sipWsPort, sipWssPort, RtpLearning.DEFAULT);
  }

  /** @param inbandSensitivity 0.0 (strict) … 1.0 (lenient) */
  public record DtmfConfig(DtmfMethod method, double inbandSensitivity) {}

  public record OpusConfig(int bitrate, int complexity) {}

  /**
   * Strict RTP learning (issue 14): a source is learnt after {@code packets} valid packets in a row, and
   * replaced only after the learnt one has been silent for {@code silence}.
   */
  public record RtpLearning(int packets, Duration silence) {
    public static final RtpLearning DEFAULT = new RtpLearning(4, Duration.ofSeconds(1));
  }

  /** A trunk registration from the original configuration. */
  public record Registration(String uri, String username, String password, String registrar, int expiry) {}
}
