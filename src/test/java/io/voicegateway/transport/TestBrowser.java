package io.voicegateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.WebRtcCommands.MediaAnswer;
import io.voicegateway.webrtc.PacketKind;
import io.voicegateway.webrtc.dtls.BrowserDtls;
import io.voicegateway.webrtc.dtls.CertificateFingerprint;
import io.voicegateway.webrtc.dtls.DtlsCertificate;
import io.voicegateway.webrtc.dtls.SrtpKeys;
import io.voicegateway.webrtc.ice.Stun;
import io.voicegateway.webrtc.ice.StunCrypto;
import io.voicegateway.webrtc.ice.StunMessage;
import io.voicegateway.webrtc.ice.StunMessageBuilder;
import io.voicegateway.webrtc.srtp.SrtpSession;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.tls.UDPTransport;

/**
 * A browser in the JVM for the transport tests: one loopback UDP socket, a Chromium-like audio offer, ICE checks
 * (full agent, controlling), the Bouncy Castle DTLS client and SRTP both ways.
 */
final class TestBrowser implements AutoCloseable {
  static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate("browser");
  static final int OPUS_PT = 111;
  static final int EVENT_PT = 110;
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  final DatagramSocket socket;
  final String ufrag;
  final String pwd;
  private int gatewayPort;
  private String gatewayUfrag;
  private String gatewayPwd;
  private CertificateFingerprint gatewayFingerprint;
  private SrtpSession srtp;

  TestBrowser() throws IOException {
    this("brws", "browserpassword0123456789");
  }

  TestBrowser(String ufrag, String pwd) throws IOException {
    this.socket = new DatagramSocket(0, LOOPBACK);
    this.socket.setReceiveBufferSize(1 << 20);
    this.ufrag = ufrag;
    this.pwd = pwd;
  }

  /** An offer as Chromium writes it for one microphone track, with {@code fingerprint} as a=fingerprint. */
  String offer(CertificateFingerprint fingerprint) {
    return offer(fingerprint, ufrag, pwd);
  }

  static String offer(CertificateFingerprint fingerprint, String ufrag, String pwd) {
    return String.join("\r\n",
        "v=0",
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0",
        "m=audio 9 UDP/TLS/RTP/SAVPF " + OPUS_PT + " " + EVENT_PT,
        "c=IN IP4 0.0.0.0",
        "a=ice-ufrag:" + ufrag,
        "a=ice-pwd:" + pwd,
        "a=ice-options:trickle",
        "a=fingerprint:" + fingerprint.toSdp(),
        "a=setup:actpass",
        "a=mid:0",
        "a=sendrecv",
        "a=rtcp-mux",
        "a=rtpmap:" + OPUS_PT + " opus/48000/2",
        "a=fmtp:" + OPUS_PT + " minptime=10;useinbandfec=1",
        "a=rtpmap:" + EVENT_PT + " telephone-event/48000",
        "") + "\r\n";
  }

  /** Takes in the gateway's answer: its port, ICE credentials and certificate fingerprint. */
  void answer(MediaAnswer answer) {
    gatewayPort = answer.port();
    gatewayUfrag = attribute(answer.sdp(), "ice-ufrag");
    gatewayPwd = attribute(answer.sdp(), "ice-pwd");
    gatewayFingerprint = CertificateFingerprint.parse(attribute(answer.sdp(), "fingerprint"));
  }

  static String attribute(String sdp, String name) {
    Matcher m = Pattern.compile("(?m)^a=" + name + ":(.+?)\r?$").matcher(sdp);
    assertTrue(m.find(), "a=" + name + " in " + sdp);
    return m.group(1);
  }

  CertificateFingerprint gatewayFingerprint() {
    return gatewayFingerprint;
  }

  InetSocketAddress address() {
    return new InetSocketAddress(LOOPBACK, socket.getLocalPort());
  }

  /** Sends one connectivity check (nominating, as Chromium's USE-CANDIDATE); returns the answer. */
  StunMessage check() throws Exception {
    return check(gatewayPwd);
  }

  /** A check keyed with {@code password} (a wrong one gets 401). */
  StunMessage check(String password) throws Exception {
    byte[] txid = new byte[12];
    ThreadLocalRandom.current().nextBytes(txid);
    byte[] request = new StunMessageBuilder(Stun.BINDING_REQUEST, txid)
        .addString(Stun.USERNAME, gatewayUfrag + ":" + ufrag)
        .addInt(Stun.PRIORITY, 2122260223)
        .addLong(Stun.ICE_CONTROLLING, 0x1234_5678_9abcL)
        .addFlag(Stun.USE_CANDIDATE)
        .build(StunCrypto.shortTermKey(password), true);
    send(request, request.length);
    byte[] buf = new byte[2048];
    socket.setSoTimeout(10_000);
    while (true) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      socket.receive(p);
      if (PacketKind.of(buf, p.getLength()) == PacketKind.STUN) {
        StunMessage response = StunMessage.parse(buf, 0, p.getLength());
        assertEquals(java.util.Arrays.toString(txid), java.util.Arrays.toString(response.transactionId()));
        return response;
      }
    }
  }

  byte[] gatewayKey() {
    return StunCrypto.shortTermKey(gatewayPwd);
  }

  /** The DTLS client handshake, as {@code own} (not the offer's certificate, for the refusal tests); blocking. */
  SrtpKeys handshake(DtlsCertificate own) throws IOException {
    socket.connect(LOOPBACK, gatewayPort);
    try {
      SrtpKeys keys = BrowserDtls.connect(own, gatewayFingerprint, new UDPTransport(socket, 1200));
      srtp = SrtpSession.create(keys.profile(), keys.localKey(), keys.localSalt(), keys.remoteKey(),
          keys.remoteSalt());
      return keys;
    } finally {
      socket.setSoTimeout(10_000);
    }
  }

  void send(byte[] datagram, int len) throws IOException {
    socket.send(new DatagramPacket(datagram, len, LOOPBACK, gatewayPort));
  }

  /** Protects the RTP packet in {@code buf[0, len)} (room after it for the tag) and sends it. */
  void sendRtp(byte[] buf, int len) throws IOException {
    int n = srtp.outbound().protectRtp(buf, 0, len);
    assertTrue(n > 0, "protected");
    send(buf, n);
  }

  /**
   * The next media datagram, unprotected in place: its length, negative for an SRTCP packet (-length), 0 once
   * nothing comes for {@code timeoutMs}. STUN and DTLS are skipped.
   */
  int receiveMedia(byte[] buf, int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    while (true) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        return 0;
      }
      PacketKind kind = PacketKind.of(buf, p.getLength());
      if (kind == PacketKind.RTP) {
        int n = srtp.inbound().unprotectRtp(buf, 0, p.getLength());
        assertTrue(n > 0, "the gateway's SRTP authenticates with the keys the handshake agreed");
        return n;
      }
      if (kind == PacketKind.RTCP) {
        int n = srtp.inbound().unprotectRtcp(buf, 0, p.getLength());
        assertTrue(n > 0, "the gateway's SRTCP authenticates");
        return -n;
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
