package io.voicegateway.config;

/** @param apiToken never empty after loading: a random one is generated when the file leaves it empty */
public record HttpConfig(String host, int port, String apiToken, boolean apiTokenGenerated) {}
