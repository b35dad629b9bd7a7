package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.it.peers.RtpCapture;
import io.voicegateway.it.support.SippRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp's stock {@code uac_pcap} scenario against the echo app: 8 s of PCMA in 30 ms packets from SIPp's
 * recorded pcap, then an RFC 2833 digit '1'. The gateway must re-frame what it echoes to 20 ms, and
 * report the digit once as DTMF_RECEIVED.
 */
class DtmfPcapIT {
  @TempDir Path dir;

  @Test
  void thirtyMillisecondPcapAudioIsEchoedIn20msFramesAndTheDigitIsReported() throws Exception {
    try (GatewayFixture gw = GatewayFixture.start("")) {
      List<CallEvent> events = new CopyOnWriteArrayList<>();
      MessageConsumer<CallEvent> consumer = gw.gateway().vertx().eventBus()
          .consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
      int rtpMax = gw.rtpPortMin() + GatewayFixture.RTP_PORTS - 1;

      List<RtpCapture.Packet> back;
      SippRunner.Result result;
      try (RtpCapture capture = RtpCapture.start(dir, gw.rtpPortMin(), rtpMax)) {
        result = SippRunner.builtin("uac_pcap").args("-s", "echo").run(gw.target(), 1, 1, 1);
        back = capture.stop();
      }
      consumer.unregister();

      assertEquals(0, result.exitCode(), result.toString());
      assertEquals(1, result.successful(), result.toString());

      List<CallEvent> digits = events.stream().filter(e -> e.type() == CallEventType.DTMF_RECEIVED).toList();
      assertEquals(1, digits.size(), "one DTMF_RECEIVED per key press: " + digits);
      assertEquals("1", digits.get(0).digit());

      // ~8 s of audio echoed back as PCMA (PT 8) in 20 ms frames: 160-byte payloads, 160 timestamp units apart.
      List<RtpCapture.Packet> audio = back.stream().filter(p -> p.payloadType() == 8).toList();
      System.out.printf("uac_pcap: %d RTP packets came back, %d PCMA; digit %s%n", back.size(), audio.size(),
          digits.get(0).digit());
      assertTrue(audio.size() >= 350, "RTP packets echoed: " + audio.size());
      assertTrue(audio.stream().allMatch(p -> p.payloadBytes() == 160), "every echoed frame is 20 ms");
      for (int i = 1; i < audio.size(); i++) {
        RtpCapture.Packet a = audio.get(i - 1);
        RtpCapture.Packet b = audio.get(i);
        assertEquals((a.seq() + 1) & 0xffff, b.seq(), "continuous sequence numbers");
        assertEquals(160, (b.timestamp() - a.timestamp()) & 0xffffffffL, "continuous timestamps");
      }
    }
  }
}
