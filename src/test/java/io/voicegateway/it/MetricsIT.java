package io.voicegateway.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.support.SippRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Scrapes {@code /metrics} before, during and after a real call (SIPp's {@code uac_pcap}: PCMA RTP and an
 * RFC 2833 digit) and checks that the {@code vg_media_*} contract moved as it should.
 */
class MetricsIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void metricsFollowACall() throws Exception {
    try (GatewayFixture gw = GatewayFixture.start("")) {
      Map<String, Double> before = scrape(gw);
      assertEquals(0.0, before.get("vg_media_active_calls"));
      assertEquals(0.0, before.get("vg_media_total_calls_total"));

      SippRunner.Running call = SippRunner.builtin("uac_pcap").args("-s", "echo").start(gw.target(), 1, 1, 1);
      Map<String, Double> during;
      try {
        during = await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
            .atMost(Duration.ofSeconds(30)).until(() -> scrape(gw),
                m -> m.get("vg_media_active_calls") == 1.0 && m.get("vg_media_rtp_packets_received_total") > 50);
      } catch (ConditionTimeoutException e) {
        throw new AssertionError("a call with RTP shows up: " + scrape(gw));
      }
      SippRunner.Result result = call.await();
      assertEquals(1, result.successful(), result.toString());

      Map<String, Double> after = scrape(gw);
      assertEquals(0.0, after.get("vg_media_active_calls"));
      assertEquals(1.0, after.get("vg_media_total_calls_total"));
      assertEquals(1.0, after.get("vg_media_call_duration_seconds_count"));
      assertTrue(after.get("vg_media_call_duration_seconds_sum") >= 8, "the call lasted ~9 s: " + after);
      assertEquals(1.0, after.get("vg_media_dtmf_events_total"));
      // SIPp's g711a.pcap holds 236 RTP packets; the DTMF pcap adds its telephone-event packets.
      assertTrue(after.get("vg_media_rtp_packets_received_total") > 236, "every packet counted: " + after);
      assertEquals(0.0, after.get("vg_media_rtp_packets_lost_total"));
      assertEquals(0.0, after.get("vg_media_codec_negotiation_errors_total"));
      assertTrue(after.get("vg_media_rtp_jitter_ms_count") > 0, "jitter was recorded: " + after);
      assertTrue(after.get("vg_mixer_ticks_total") > during.get("vg_mixer_ticks_total"));
    }
  }

  /** The un-labelled samples of the Prometheus text, by name. */
  private Map<String, Double> scrape(GatewayFixture gw) throws Exception {
    String body = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gw.gateway().httpPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Map<String, Double> samples = new HashMap<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("vg_") && !line.contains("{")) {
        String[] parts = line.split(" ");
        samples.put(parts[0], Double.parseDouble(parts[1]));
      }
    }
    return samples;
  }
}
