package io.voicegateway.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays SIPp's stock RFC 4733 captures (sip-tester package) into the receiver. Each holds one key
 * press: 8 packets of payload type 101 with one timestamp, durations 0 … 2240 at 8 kHz, the end packet
 * three times (same sequence number), as tshark shows with {@code -d udp.port==10000,rtp}.
 */
class Rfc4733PcapTest {

  private static final Path PCAPS = Path.of("/usr/share/sip-tester");
  private static final int TELEPHONE_EVENT = 101;

  @ParameterizedTest
  @CsvSource({"1,1", "2,2", "3,3", "4,4", "5,5", "6,6", "7,7", "8,8", "9,9", "0,0", "star,*", "pound,#"})
  void reportsTheDigitOfSippCapture(String name, char digit) throws Exception {
    Path pcap = PCAPS.resolve("dtmf_2833_" + name + ".pcap");
    ExternalTools.requireFile(pcap);
    List<PcapReader.Datagram> datagrams = PcapReader.udp(pcap);
    assertEquals(10, datagrams.size());

    Presses presses = new Presses();
    Rfc4733Receiver receiver = new Rfc4733Receiver(8000, presses);
    for (PcapReader.Datagram d : datagrams) {
      byte[] rtp = d.payload();
      assertEquals(2, (rtp[0] & 0xff) >> 6, "RTP version");
      int payloadType = rtp[1] & 0x7f;
      if (payloadType == TELEPHONE_EVENT) {
        int headerLength = 12 + 4 * (rtp[0] & 0x0f);
        int seq = ((rtp[2] & 0xff) << 8) | (rtp[3] & 0xff);
        long timestamp = ((rtp[4] & 0xffL) << 24) | ((rtp[5] & 0xff) << 16) | ((rtp[6] & 0xff) << 8) | (rtp[7] & 0xff);
        receiver.onPacket(seq, timestamp, (rtp[1] & 0x80) != 0, rtp, headerLength, rtp.length - headerLength);
      }
    }
    receiver.flush();
    assertEquals(List.of(new Presses.Press(digit, 280, DtmfSource.RFC4733)), presses.all);
    assertEquals(2, receiver.duplicates(), "the two retransmitted end packets");
    assertEquals(0, receiver.malformed());
  }
}
