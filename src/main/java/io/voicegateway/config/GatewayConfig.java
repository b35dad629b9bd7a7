package io.voicegateway.config;

import java.util.List;

/**
 * The whole configuration, validated.
 *
 * @param providers the trunks of {@code providers:} followed by each {@code media.registrations} entry as
 *                  a provider with {@code register: true} (ids {@code registration-1}, …)
 * @param routes    in file order: the first match wins
 * @param streaming the Twilio-Media-Streams-compatible WebSocket consumers that {@code stream:} routes name
 * @param bridge    the TCP event-bus bridge
 * @param history   where finished calls are kept
 * @param prompts   how text prompts are spoken (TTS engine, cache)
 * @param ivr       IVR menus by name
 * @param voicemail voicemail boxes by name
 * @param recording where call recordings go
 * @param conferences named conference rooms
 * @param limits    overload and abuse control in front of the SIP stack
 * @param logging   how log lines are written (text or JSON)
 * @param cluster   whether and how this node joins a cluster of gateways (off by default)
 */
public record GatewayConfig(
    MediaConfig media,
    HttpConfig http,
    List<ProviderConfig> providers,
    List<DeviceConfig> devices,
    List<RouteConfig> routes,
    StreamingConfig streaming,
    BridgeConfig bridge,
    HistoryConfig history,
    PromptsConfig prompts,
    IvrConfig ivr,
    VoicemailConfig voicemail,
    RecordingConfig recording,
    ConferencesConfig conferences,
    LimitsConfig limits,
    LoggingConfig logging,
    ClusterConfig cluster) {

  /** Every section but {@code cluster:}, which stays off (a single node). */
  public GatewayConfig(MediaConfig media, HttpConfig http, List<ProviderConfig> providers, List<DeviceConfig> devices,
      List<RouteConfig> routes, StreamingConfig streaming, BridgeConfig bridge, HistoryConfig history,
      PromptsConfig prompts, IvrConfig ivr, VoicemailConfig voicemail, RecordingConfig recording,
      ConferencesConfig conferences, LimitsConfig limits, LoggingConfig logging) {
    this(media, http, providers, devices, routes, streaming, bridge, history, prompts, ivr, voicemail, recording,
        conferences, limits, logging, ClusterConfig.disabled());
  }

  /**
   * Every section but {@code limits:} and {@code logging:}, for configurations built in code (as tests do):
   * sources are not limited, so a load test's one loopback address is not taken for a flood (the overload guard
   * still answers 503); text logs.
   */
  public GatewayConfig(MediaConfig media, HttpConfig http, List<ProviderConfig> providers, List<DeviceConfig> devices,
      List<RouteConfig> routes, StreamingConfig streaming, BridgeConfig bridge, HistoryConfig history,
      PromptsConfig prompts, IvrConfig ivr, VoicemailConfig voicemail, RecordingConfig recording,
      ConferencesConfig conferences) {
    this(media, http, providers, devices, routes, streaming, bridge, history, prompts, ivr, voicemail, recording,
        conferences, LimitsConfig.defaults().off(), LoggingConfig.defaults());
  }

  /**
   * For configurations built in code (as tests do): no TCP bridge, so such gateways never compete for its
   * port, no call history and every app section on its defaults.
   */
  public GatewayConfig(MediaConfig media, HttpConfig http, List<ProviderConfig> providers, List<DeviceConfig> devices,
      List<RouteConfig> routes) {
    this(media, http, providers, devices, routes, StreamingConfig.defaults(),
        new BridgeConfig(false, "127.0.0.1", BridgeConfig.DEFAULT_TCP_PORT, true), HistoryConfig.disabled(),
        PromptsConfig.defaults(), IvrConfig.defaults(), VoicemailConfig.defaults(), RecordingConfig.defaults(),
        ConferencesConfig.defaults());
  }

  /**
   * This gateway's name among several that share one store (the {@code node} of the history rows it writes, so
   * a restart after a crash closes only its own open calls). Read it here, not from a section: today it is
   * {@code history.node_id}; left at its default ({@value HistoryConfig#DEFAULT_NODE_ID}) on a cluster node with a
   * {@code cluster.node_name}, that name, so one setting names the node everywhere. The cluster's own member id is
   * new at every start and cannot serve: a restarted node must recognise its rows.
   */
  public String nodeId() {
    if (HistoryConfig.DEFAULT_NODE_ID.equals(history.nodeId()) && cluster != null && cluster.enabled()
        && cluster.nodeName() != null && cluster.nodeName().matches("[A-Za-z0-9._-]{1,64}")) { // the column's rule
      return cluster.nodeName();
    }
    return history.nodeId();
  }
}
