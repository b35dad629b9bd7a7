package io.voicegateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.media.PipelineSettings;
import io.voicegateway.media.codec.OpusSettings;
import io.voicegateway.media.jitter.JitterSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one place where the media configuration becomes the media library's own settings. */
class MediaTransportTest {

  @Test
  void everyMediaKeyReachesThePipelineSettings() {
    var media = ConfigLoader.parse("""
        media:
          jitter_buffer_ms: 80
          jitter_buffer_max_ms: 300
          jitter_buffer_adaptive: false
          packet_loss_concealment: false
          dtmf: {method: inband, inband_sensitivity: 0.8}
          opus: {bitrate: 24000, complexity: 3}
        """, Map.of()).media();
    assertEquals(new PipelineSettings(new OpusSettings(24000, 3), new JitterSettings(80, 300, false, false), false,
        true, 0.8), MediaTransport.pipelineSettings(media));
  }

  @Test
  void theEngineTakesItsPortRangeFromTheConfiguration() {
    var media = ConfigLoader.parse("media: {rtp_port_range: '30000-30009'}", Map.of()).media();
    MediaTransport transport = MediaTransport.create(media, io.voicegateway.metrics.GatewayMetrics.detached());
    assertEquals(5, transport.engine().ports().capacity());
    assertEquals(MediaTransport.pipelineSettings(media), transport.engine().settings());
  }
}
