package io.voicegateway.media;

/**
 * A snapshot of one leg's counters for the API and dashboard.
 *
 * @param codec             configuration name of the current codec, null before the leg started
 * @param packetsReceived   RTP packets of the remote source (RFC 3550 A.3: duplicates and those dropped on hold
 *                          count), from the leg's {@link io.voicegateway.media.rtp.ReceiveStats}
 * @param invalidPackets    datagrams on the RTP port that were not valid RTP (dropped)
 * @param unknownPayloadTypes valid RTP with a payload type that was not negotiated (dropped)
 * @param droppedOnHold     packets that arrived while the leg was not receiving
 * @param packetsLost       RFC 3550 cumulative loss (expected − received, never below 0), as RTCP reports it
 * @param jitterMs          RFC 3550 interarrival jitter, as RTCP reports it
 * @param level             RMS (0..1) of the last frame the mixer took from the leg
 * @param fax               null, or once a fax tone was heard in the call: {@code passthrough} (payloads relayed
 *                          unchanged) or {@code transcoding} (PCMU↔PCMA, mixed as before)
 */
public record LegStats(String callId, String legId, int rtpPort, String codec, long packetsReceived,
    long invalidPackets, long unknownPayloadTypes, long droppedOnHold, long packetsLost, double jitterMs,
    long packetsSent, long octetsSent, float level, String fax) {}
