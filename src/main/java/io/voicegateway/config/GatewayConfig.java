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
    JsonNode streaming) {}
