package io.voicegateway.webrtc.dtls;

import java.io.ByteArrayOutputStream;

/** Edits an unfragmented DTLS ClientHello datagram (one record, one whole handshake message) for tests. */
final class ClientHellos {

  private static final int RECORD_HEADER = 13;
  private static final int HANDSHAKE_HEADER = 12;
  private static final int SUPPORTED_VERSIONS = 43;

  private ClientHellos() { }

  /** Appends a supported_versions extension (RFC 8446 §4.2.1) listing the given versions. */
  static byte[] withSupportedVersions(byte[] datagram, int... versions) {
    int body = RECORD_HEADER + HANDSHAKE_HEADER;
    int at = body + 2 + 32;                      // client_version, random
    at += 1 + (datagram[at] & 0xff);             // session_id
    at += 1 + (datagram[at] & 0xff);             // cookie
    at += 2 + u16(datagram, at);                 // cipher_suites
    at += 1 + (datagram[at] & 0xff);             // compression_methods
    int extensionsLengthAt = at;
    int end = at + 2 + u16(datagram, at);
    if (end != datagram.length) {
      throw new IllegalArgumentException("not a single unfragmented ClientHello");
    }
    ByteArrayOutputStream extension = new ByteArrayOutputStream();
    extension.write(SUPPORTED_VERSIONS >> 8);
    extension.write(SUPPORTED_VERSIONS & 0xff);
    int listLength = 2 * versions.length;
    extension.write(0);
    extension.write(1 + listLength);
    extension.write(listLength);
    for (int v : versions) {
      extension.write(v >> 8);
      extension.write(v & 0xff);
    }
    byte[] added = extension.toByteArray();
    byte[] out = new byte[datagram.length + added.length];
    System.arraycopy(datagram, 0, out, 0, datagram.length);
    System.arraycopy(added, 0, out, datagram.length, added.length);
    putU16(out, extensionsLengthAt, u16(datagram, extensionsLengthAt) + added.length);
    int messageLength = out.length - body;
    putU24(out, RECORD_HEADER + 1, messageLength);  // handshake length
    putU24(out, RECORD_HEADER + 9, messageLength);  // fragment_length
    putU16(out, 11, out.length - RECORD_HEADER);    // record length
    return out;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  private static void putU16(byte[] b, int at, int v) {
    b[at] = (byte) (v >> 8);
    b[at + 1] = (byte) v;
  }

  private static void putU24(byte[] b, int at, int v) {
    b[at] = (byte) (v >> 16);
    putU16(b, at + 1, v);
  }
}
