package io.voicegateway.media.dtmf;

import io.voicegateway.media.codec.G711;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** The speech of SIPp's stock A-law capture (7 s, pauses included: the audio of the load benchmarks), decoded. */
final class SippSpeech {

  static final Path PCAP = Path.of("/usr/share/sip-tester/g711a.pcap");

  private SippSpeech() {}

  /** @return 8 kHz 16-bit PCM; skips the test (fails it under CI) when sip-tester is not installed */
  static short[] pcm() throws IOException {
    Tools.requireFile(PCAP);
    short[] out = new short[0];
    for (PcapReader.Datagram d : PcapReader.udp(PCAP)) {
      byte[] rtp = d.payload(); // 12-byte RTP headers, no CSRCs or extensions in this capture
      int from = out.length;
      out = Arrays.copyOf(out, from + rtp.length - 12);
      for (int i = 12; i < rtp.length; i++) {
        out[from + i - 12] = G711.alawDecode(rtp[i]);
      }
    }
    return out;
  }
}
