package io.voicegateway.media;

import io.voicegateway.media.codec.OpusSettings;
import io.voicegateway.media.jitter.JitterSettings;

/**
 * The settings every leg pipeline is built with, whatever its negotiation: the media library's own view of the
 * {@code media:} configuration (the transport package builds it from there).
 *
 * @param opus            Opus bit rate and complexity
 * @param jitter          jitter buffer depth and concealment
 * @param dtmfEvents      digits are taken from RFC 4733 telephone-events (when the leg negotiated them)
 * @param dtmfInband      digits are detected in the audio (Goertzel)
 * @param dtmfSensitivity {@code dtmf.inband_sensitivity}, 0..1
 */
public record PipelineSettings(OpusSettings opus, JitterSettings jitter, boolean dtmfEvents, boolean dtmfInband,
    double dtmfSensitivity) {
  public PipelineSettings {
    if (opus == null || jitter == null) {
      throw new IllegalArgumentException("opus and jitter settings are required");
    }
  }
}
