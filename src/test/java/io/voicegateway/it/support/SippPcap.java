package io.voicegateway.it.support;

import io.voicegateway.media.codec.G711;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The audio of SIPp's shipped A-law pcap ({@code pcap/g711a.pcap}, 7 s of speech in 30 ms packets to UDP
 * port 2006), decoded to 8 kHz PCM by tshark and G.711: what a peer should hear when SIPp plays it.
 */
public final class SippPcap {
  private static final String G711A = "/usr/share/sip-tester/g711a.pcap";

  private SippPcap() {}

  public static short[] g711aSpeech() throws IOException, InterruptedException {
    Process read = new ProcessBuilder("tshark", "-r", G711A, "-d", "udp.port==2006,rtp", "-T", "fields",
        "-e", "rtp.payload").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ByteArrayOutputStream alaw = new ByteArrayOutputStream();
    for (String line : new String(read.getInputStream().readAllBytes()).split("\n")) {
      String hex = line.trim().replace(":", "");
      if (!hex.isEmpty()) {
        alaw.writeBytes(HexFormat.of().parseHex(hex));
      }
    }
    if (!read.waitFor(30, TimeUnit.SECONDS) || alaw.size() == 0) {
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
