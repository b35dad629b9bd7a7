package io.voicegateway.config;

/**
 * A phone that registers here ({@code devices[]}) and authenticates with digest.
 *
 * @param extension the number other devices dial to reach it, or null when it has none
 */
public record DeviceConfig(String id, String username, String password, String extension) {}
