package io.voicegateway.webrtc.dtls;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Fuzz target for the DTLS records a browser (or anyone who reached the media port) sends: our {@link SrtpDtlsServer}
 * under Bouncy Castle's DTLS server, set up as {@link DtlsSrtpHandshake} sets it up, fed the input's datagrams
 * (each a 2-byte length and that many bytes) and then an end of input. The contract: the handshake fails, as
 * {@link DtlsSrtpHandshake} expects (an IOException or a RuntimeException, both mapped to a failed future), never with
 * an Error and never by completing (the input cannot hold the expected peer's key); whatever BC sends fits the MTU.
 */
class DtlsRecordFuzzTest {

  private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate("fuzz");
  /** Not any certificate a fuzzer can present: the handshake must never complete. */
  private static final CertificateFingerprint EXPECTED = DtlsCertificate.generate("peer").fingerprint();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DtlsSrtpHandshake.Settings SETTINGS = DtlsSrtpHandshake.Settings.defaults();

  @FuzzTest
  void records(byte[] input) {
    InputTransport transport = new InputTransport(input, SETTINGS.mtu());
    SrtpDtlsServer server = new SrtpDtlsServer(new BcTlsCrypto(RANDOM), CERTIFICATE, EXPECTED, SETTINGS.profiles(),
        (int) SETTINGS.timeout().toMillis(), () -> { });
    DTLSServerProtocol protocol = new DTLSServerProtocol();
    protocol.setVerifyRequests(false);
    try {
      protocol.accept(server, transport);
      fail("a DTLS handshake completed without the expected peer's certificate");
    } catch (IOException | RuntimeException expected) {
      // the failed handshake DtlsSrtpHandshake reports
    }
  }

  /** Hands BC the input's datagrams, then ends (as a closed transport does); checks what BC sends. */
  private static final class InputTransport implements DatagramTransport {
    private final Deque<byte[]> datagrams = new ArrayDeque<>();
    private final int mtu;

    InputTransport(byte[] input, int mtu) {
      this.mtu = mtu;
      int pos = 0;
      while (pos + 2 <= input.length) {
        int len = Math.min(((input[pos] & 0xff) << 8) | (input[pos + 1] & 0xff), input.length - pos - 2);
        byte[] datagram = new byte[len];
        System.arraycopy(input, pos + 2, datagram, 0, len);
        datagrams.add(datagram);
        pos += 2 + len;
      }
    }

    @Override public int getReceiveLimit() {
      return PacketQueueTransport.RECEIVE_LIMIT;
    }

    @Override public int getSendLimit() {
      return mtu;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
      byte[] datagram = datagrams.poll();
      if (datagram == null) {
        throw new IOException("end of input");
      }
      int n = Math.min(len, datagram.length);
      System.arraycopy(datagram, 0, buf, off, n);
      return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
      assertTrue(len <= mtu, () -> "sent " + len + " bytes over a " + mtu + "-byte MTU");
    }

    @Override public void close() {
    }
  }
}
