package io.voicegateway.webrtc.ice;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Builds one STUN message: attributes in the order added, each padded to 4 bytes, then optionally
 * MESSAGE-INTEGRITY and FINGERPRINT, which must come last and in that order (RFC 5389 §15.4, §15.5).
 */
public final class StunMessageBuilder {
  private final byte[] header = new byte[Stun.HEADER_LENGTH];
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(128);
  private byte padding;

  /**
   * @param messageType   e.g. {@link Stun#BINDING_SUCCESS}
   * @param transactionId 12 bytes; a response echoes its request's
   */
  public StunMessageBuilder(int messageType, byte[] transactionId) {
    if ((messageType & ~0x3FFF) != 0) {
      throw new IllegalArgumentException("message type " + messageType + " does not fit 14 bits");
    }
    if (transactionId.length != Stun.TRANSACTION_ID_LENGTH) {
      throw new IllegalArgumentException("transaction id of " + transactionId.length + " bytes, not 12");
    }
    header[0] = (byte) (messageType >>> 8);
    header[1] = (byte) messageType;
    writeInt(header, 4, Stun.MAGIC_COOKIE);
    System.arraycopy(transactionId, 0, header, 8, Stun.TRANSACTION_ID_LENGTH);
  }

  /**
   * The byte that pads attribute values (zero unless set). RFC 5389 §15 lets it be anything; RFC 5769's vectors use
   * spaces, and the integrity covers it, so reproducing them byte for byte needs this.
   */
  public StunMessageBuilder padding(byte value) {
    this.padding = value;
    return this;
  }

  public StunMessageBuilder add(int type, byte[] value) {
    if (type == Stun.MESSAGE_INTEGRITY || type == Stun.FINGERPRINT) {
      throw new IllegalArgumentException("MESSAGE-INTEGRITY and FINGERPRINT are added by build()");
    }
    if (value.length > 0xFFFF - 4 || body.size() + 4 + value.length > 0xFFFF - 32) {
      throw new IllegalArgumentException("attribute of " + value.length + " bytes does not fit a STUN message");
    }
    body.write(type >>> 8);
    body.write(type);
    body.write(value.length >>> 8);
    body.write(value.length);
    body.write(value, 0, value.length);
    for (int i = value.length; (i & 3) != 0; i++) {
      body.write(padding);
    }
    return this;
  }

  public StunMessageBuilder addString(int type, String value) {
    return add(type, value.getBytes(StandardCharsets.UTF_8));
  }

  public StunMessageBuilder addFlag(int type) {
    return add(type, new byte[0]);
  }

  public StunMessageBuilder addInt(int type, int value) {
    byte[] v = new byte[4];
    writeInt(v, 0, value);
    return add(type, v);
  }

  public StunMessageBuilder addLong(int type, long value) {
    byte[] v = new byte[8];
    writeInt(v, 0, (int) (value >>> 32));
    writeInt(v, 4, (int) value);
    return add(type, v);
  }

  public StunMessageBuilder addXorMappedAddress(InetSocketAddress address) {
    return add(Stun.XOR_MAPPED_ADDRESS, XorAddress.encode(address, header, 4));
  }

  /** ERROR-CODE (RFC 5389 §15.6): class and number of {@code code} (300–699) and a reason phrase. */
  public StunMessageBuilder addErrorCode(int code, String reason) {
    if (code < 300 || code > 699) {
      throw new IllegalArgumentException("STUN error code " + code + " is not 300-699");
    }
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    byte[] v = new byte[4 + text.length];
    v[2] = (byte) (code / 100);
    v[3] = (byte) (code % 100);
    System.arraycopy(text, 0, v, 4, text.length);
    return add(Stun.ERROR_CODE, v);
  }

  /** UNKNOWN-ATTRIBUTES (RFC 5389 §15.9): the 16-bit types a 420 names. */
  public StunMessageBuilder addUnknownAttributes(int[] attributeTypes) {
    byte[] v = new byte[attributeTypes.length * 2];
    for (int i = 0; i < attributeTypes.length; i++) {
      v[2 * i] = (byte) (attributeTypes[i] >>> 8);
      v[2 * i + 1] = (byte) attributeTypes[i];
    }
    return add(Stun.UNKNOWN_ATTRIBUTES, v);
  }

  /**
   * The message bytes.
   *
   * @param integrityKey the MESSAGE-INTEGRITY key, or null for none
   * @param fingerprint  whether to end with FINGERPRINT
   */
  public byte[] build(byte[] integrityKey, boolean fingerprint) {
    int bodyLength = body.size() + (integrityKey != null ? 24 : 0) + (fingerprint ? 8 : 0);
    byte[] out = new byte[Stun.HEADER_LENGTH + bodyLength];
    System.arraycopy(header, 0, out, 0, Stun.HEADER_LENGTH);
    int pos = Stun.HEADER_LENGTH;
    byte[] attributes = body.toByteArray();
    System.arraycopy(attributes, 0, out, pos, attributes.length);
    pos += attributes.length;
    if (integrityKey != null) {
      byte[] mac = StunCrypto.hmacSha1(integrityKey, out, 0, pos, pos + 24 - Stun.HEADER_LENGTH);
      out[pos] = (byte) (Stun.MESSAGE_INTEGRITY >>> 8);
      out[pos + 1] = (byte) Stun.MESSAGE_INTEGRITY;
      out[pos + 3] = (byte) StunCrypto.INTEGRITY_LENGTH;
      System.arraycopy(mac, 0, out, pos + 4, mac.length);
      pos += 24;
    }
    out[2] = (byte) (bodyLength >>> 8);
    out[3] = (byte) bodyLength;
    if (fingerprint) {
      int crc = StunCrypto.fingerprint(out, 0, pos);
      out[pos] = (byte) (Stun.FINGERPRINT >>> 8);
      out[pos + 1] = (byte) Stun.FINGERPRINT;
      out[pos + 3] = 4;
      writeInt(out, pos + 4, crc);
    }
    return out;
  }

  private static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
