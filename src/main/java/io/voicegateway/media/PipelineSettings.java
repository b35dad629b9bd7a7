package io.voicegateway.media;

import io.voicegateway.media.codec.OpusSettings;
import io.voicegateway.media.jitter.JitterSettings;

/**
 * The settings every leg pipeline is built with, whatever its negotiation: the media library's own view of the
 * {@code media:} configuration (the transport package builds it from there).
 *
 * @param opus            Opus bit rate and complexity
 * @param jitter          jitter buffer depth and concealment
 * @param dtmfMethod      {@code dtmf.method}: rfc4733, inband or both
 * @param dtmfSensitivity {@code dtmf.inband_sensitivity}, 0..1
 */
public record PipelineSettings(OpusSettings opus, JitterSettings jitter, String dtmfMethod, double dtmfSensitivity) {
  public PipelineSettings {
    if (opus == null || jitter == null) {
      throw new IllegalArgumentException("opus and jitter settings are required");
    }
    dtmfMethod = dtmfMethod == null ? "rfc4733" : dtmfMethod;
  }
}
