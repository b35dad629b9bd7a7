package io.voicegateway.config;

import java.util.List;

/**
 * A SIP trunk ({@code providers[]}); {@code media.registrations[]} entries appear here too, as providers
 * with {@code register: true} and ids {@code registration-1}, {@code registration-2}, …
 *
 * @param transport  udp, tcp or tls
 * @param codecs     configuration names in order of preference for calls through this trunk
 * @param inboundIps IP literals or CIDR blocks ({@link IpRange}) whose requests count as this trunk's
 */
public record ProviderConfig(String id, String host, int port, String transport, String username,
    String password, boolean register, int expiry, List<String> codecs, List<String> inboundIps) {}
