package io.voicegateway.it.support;

import io.voicegateway.it.peers.RtpCapture;
import io.voicegateway.media.codec.G711;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The audio of SIPp's shipped A-law pcap ({@code pcap/g711a.pcap}, 7 s of speech in 30 ms packets to UDP
 * port 2006), decoded to 8 kHz PCM by tshark and G.711: what a peer should hear when SIPp plays it.
 */
public final class SippPcap {
  private static final Path G711A = Path.of("/usr/share/sip-tester/g711a.pcap");

  private SippPcap() {}

  public static short[] g711aSpeech() throws IOException, InterruptedException {
    ByteArrayOutputStream alaw = new ByteArrayOutputStream();
    RtpCapture.payloads(G711A, "2006", "rtp").forEach(alaw::writeBytes);
    if (alaw.size() == 0) {
      throw new IOException("tshark read no RTP from " + G711A);
    }
    byte[] codes = alaw.toByteArray();
    short[] pcm = new short[codes.length];
    for (int i = 0; i < codes.length; i++) {
      pcm[i] = G711.alawDecode(codes[i]);
    }
    return pcm;
  }
}
