package io.voicegateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The whole configuration, validated. Sections that later capabilities add (ivr, voicemail, recording,
 * streaming) are kept as raw trees until they get typed records.
 *
 * @param providers the trunks of {@code providers:} followed by each {@code media.registrations} entry as
 *                  a provider with {@code register: true} (ids {@code registration-1}, …)
 * @param routes    in file order: the first match wins
 * @param bridge    the TCP event-bus bridge
 * @param history   where finished calls are kept
 */
public record GatewayConfig(
    MediaConfig media,
    HttpConfig http,
    List<ProviderConfig> providers,
    List<DeviceConfig> devices,
    List<RouteConfig> routes,
    JsonNode ivr,
    JsonNode voicemail,
    JsonNode recording,
    JsonNode streaming,
    BridgeConfig bridge,
    HistoryConfig history) {

  /**
   * For configurations built in code (as tests do): no TCP bridge, so such gateways never compete for its
   * port, and no call history.
   */
  public GatewayConfig(MediaConfig media, HttpConfig http, List<ProviderConfig> providers, List<DeviceConfig> devices,
      List<RouteConfig> routes, JsonNode ivr, JsonNode voicemail, JsonNode recording, JsonNode streaming) {
    this(media, http, providers, devices, routes, ivr, voicemail, recording, streaming,
        new BridgeConfig(false, "127.0.0.1", BridgeConfig.DEFAULT_TCP_PORT, true), HistoryConfig.disabled());
  }
}
