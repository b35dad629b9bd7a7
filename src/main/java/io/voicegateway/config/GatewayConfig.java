package io.voicegateway.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The whole configuration, validated. Sections that later capabilities add (providers, devices,
 * routes, ivr, voicemail, recording, streaming) are kept as raw trees until they get typed records.
 */
public record GatewayConfig(
    MediaConfig media,
    HttpConfig http,
    JsonNode providers,
    JsonNode devices,
    JsonNode routes,
    JsonNode ivr,
    JsonNode voicemail,
    JsonNode recording,
    JsonNode streaming) {}
