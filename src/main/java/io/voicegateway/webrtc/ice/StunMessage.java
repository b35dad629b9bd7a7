package io.voicegateway.webrtc.ice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A parsed STUN message (RFC 5389/8489), a read-only view of its own copy of the bytes.
 *
 * <p>{@link #parse} checks the framing and the length of every attribute this package knows, so a message that parses
 * is safe to read; it walks each attribute once (the work is bounded by the datagram) and rejects anything else with
 * a {@link StunParseException} naming the fault. Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are
 * ignored (RFC 5389 §15.4), so nobody can append unauthenticated data to an authenticated message.
 */
public final class StunMessage {
  /** A 420 names at most this many unknown types: enough for any real peer, and junk stays cheap to answer. */
  static final int MAX_UNKNOWN_LISTED = 16;

  private final byte[] raw;
  private final int messageType;
  private final int[] types;
  private final int[] offsets;
  private final int[] lengths;
  private final int count;
  private final int integrityAt;
  private final int fingerprintAt;
  private final int[] unknownRequired;

  private StunMessage(byte[] raw, int[] types, int[] offsets, int[] lengths, int count, int integrityAt,
      int fingerprintAt, int[] unknownRequired) {
    this.raw = raw;
    this.messageType = ((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF);
    this.types = types;
    this.offsets = offsets;
    this.lengths = lengths;
    this.count = count;
    this.integrityAt = integrityAt;
    this.fingerprintAt = fingerprintAt;
    this.unknownRequired = unknownRequired;
  }

  /** True when {@code data} could be STUN: at least a header, the first two bits zero and the magic cookie. */
  public static boolean looksLikeStun(byte[] data, int offset, int length) {
    return length >= Stun.HEADER_LENGTH && offset >= 0 && offset + length <= data.length
        && (data[offset] & 0xC0) == 0 && readInt(data, offset + 4) == Stun.MAGIC_COOKIE;
  }

  /**
   * Parses one datagram that must be exactly one STUN message.
   *
   * @throws StunParseException if it is not: too short, not STUN, a length that disagrees with the datagram or is
   *     not a multiple of 4, an attribute running past the end, a known attribute of the wrong size, or anything
   *     after FINGERPRINT
   */
  public static StunMessage parse(byte[] data, int offset, int length) throws StunParseException {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IllegalArgumentException("range " + offset + "+" + length + " outside a " + data.length + "-byte array");
    }
    if (length < Stun.HEADER_LENGTH) {
      throw new StunParseException("STUN message of " + length + " bytes is shorter than its 20-byte header");
    }
    if ((data[offset] & 0xC0) != 0) {
      throw new StunParseException("first two bits of a STUN message must be zero");
    }
    if (readInt(data, offset + 4) != Stun.MAGIC_COOKIE) {
      throw new StunParseException("no STUN magic cookie");
    }
    int bodyLength = readShort(data, offset + 2);
    if ((bodyLength & 3) != 0) {
      throw new StunParseException("STUN message length " + bodyLength + " is not a multiple of 4");
    }
    if (Stun.HEADER_LENGTH + bodyLength != length) {
      throw new StunParseException("STUN message length " + bodyLength + " does not match the "
          + (length - Stun.HEADER_LENGTH) + " bytes after the header");
    }
    byte[] raw = Arrays.copyOfRange(data, offset, offset + length);
    int max = bodyLength / 4; // every attribute takes at least 4 bytes
    int[] types = new int[Math.min(max, 16)];
    int[] offsets = new int[types.length];
    int[] lengths = new int[types.length];
    int[] unknown = new int[0];
    int count = 0;
    int integrityAt = -1;
    int fingerprintAt = -1;
    int pos = Stun.HEADER_LENGTH;
    while (pos < length) {
      if (fingerprintAt >= 0) {
        throw new StunParseException("attribute after FINGERPRINT, which must be last");
      }
      if (pos + 4 > length) {
        throw new StunParseException("truncated attribute header at byte " + pos);
      }
      int type = readShort(raw, pos);
      int valueLength = readShort(raw, pos + 2);
      int valueAt = pos + 4;
      int padded = (valueLength + 3) & ~3;
      if (valueAt + padded > length) {
        throw new StunParseException(String.format("attribute 0x%04x of %d bytes runs past the end of the message",
            type, valueLength));
      }
      pos = valueAt + padded;
      boolean afterIntegrity = integrityAt >= 0;
      if (afterIntegrity && type != Stun.FINGERPRINT) {
        continue; // RFC 5389 §15.4: ignored, and not counted as unknown either
      }
      checkLength(type, valueLength);
      if (type == Stun.MESSAGE_INTEGRITY) {
        integrityAt = valueAt - 4;
      } else if (type == Stun.FINGERPRINT) {
        fingerprintAt = valueAt - 4;
      } else if (Stun.isComprehensionRequired(type) && !Stun.isKnownRequired(type)
          && unknown.length < MAX_UNKNOWN_LISTED && !contains(unknown, type)) {
        unknown = Arrays.copyOf(unknown, unknown.length + 1);
        unknown[unknown.length - 1] = type;
      }
      if (count == types.length) {
        int grown = Math.min(max, count * 2);
        types = Arrays.copyOf(types, grown);
        offsets = Arrays.copyOf(offsets, grown);
        lengths = Arrays.copyOf(lengths, grown);
      }
      types[count] = type;
      offsets[count] = valueAt;
      lengths[count] = valueLength;
      count++;
    }
    return new StunMessage(raw, types, offsets, lengths, count, integrityAt, fingerprintAt, unknown);
  }

  private static void checkLength(int type, int length) throws StunParseException {
    boolean ok = switch (type) {
      case Stun.MESSAGE_INTEGRITY -> length == StunCrypto.INTEGRITY_LENGTH;
      case Stun.FINGERPRINT, Stun.PRIORITY -> length == 4;
      case Stun.ICE_CONTROLLED, Stun.ICE_CONTROLLING -> length == 8;
      case Stun.USE_CANDIDATE -> length == 0;
      case Stun.XOR_MAPPED_ADDRESS, Stun.MAPPED_ADDRESS -> length == 8 || length == 20;
      case Stun.ERROR_CODE -> length >= 4 && length <= 4 + 763; // RFC 5389 §15.6: reason under 128 chars
      case Stun.USERNAME -> length <= Stun.MAX_USERNAME_LENGTH;
      case Stun.UNKNOWN_ATTRIBUTES -> length % 2 == 0;
      default -> true;
    };
    if (!ok) {
      throw new StunParseException(String.format("attribute 0x%04x has a bad length %d", type, length));
    }
  }

  public int messageType() {
    return messageType;
  }

  public int method() {
    return Stun.method(messageType);
  }

  /** 0 request, 1 indication, 2 success response, 3 error response. */
  public int messageClass() {
    return Stun.messageClass(messageType);
  }

  public boolean isRequest() {
    return messageClass() == 0;
  }

  /** A copy of the 12-byte transaction id. */
  public byte[] transactionId() {
    return Arrays.copyOfRange(raw, 8, Stun.HEADER_LENGTH);
  }

  /** A copy of the message as received. */
  public byte[] bytes() {
    return raw.clone();
  }

  public boolean has(int type) {
    return indexOf(type) >= 0;
  }

  /** A copy of the value of the first attribute of {@code type} (without padding), or null if absent. */
  public byte[] attribute(int type) {
    int i = indexOf(type);
    return i < 0 ? null : Arrays.copyOfRange(raw, offsets[i], offsets[i] + lengths[i]);
  }

  /** The attribute types in order, up to MESSAGE-INTEGRITY and FINGERPRINT. */
  public int[] attributeTypes() {
    return Arrays.copyOf(types, count);
  }

  /** The comprehension-required attribute types this package does not know, for a 420 (RFC 5389 §7.3.1). */
  public int[] unknownRequiredAttributes() {
    return unknownRequired.clone();
  }

  /** USERNAME as UTF-8, or null. */
  public String username() {
    int i = indexOf(Stun.USERNAME);
    return i < 0 ? null : new String(raw, offsets[i], lengths[i], StandardCharsets.UTF_8);
  }

  /** True when USERNAME is present and its bytes are exactly those of {@code expected} in UTF-8. */
  public boolean usernameIs(byte[] expected) {
    int i = indexOf(Stun.USERNAME);
    return i >= 0 && Arrays.equals(raw, offsets[i], offsets[i] + lengths[i], expected, 0, expected.length);
  }

  /** PRIORITY as an unsigned 32-bit value, or -1 if absent. */
  public long priority() {
    int i = indexOf(Stun.PRIORITY);
    return i < 0 ? -1 : readInt(raw, offsets[i]) & 0xFFFFFFFFL;
  }

  public boolean useCandidate() {
    return has(Stun.USE_CANDIDATE);
  }

  /** The tie-breaker of ICE-CONTROLLING, or null if absent. */
  public Long iceControlling() {
    int i = indexOf(Stun.ICE_CONTROLLING);
    return i < 0 ? null : readLong(raw, offsets[i]);
  }

  /** The tie-breaker of ICE-CONTROLLED, or null if absent. */
  public Long iceControlled() {
    int i = indexOf(Stun.ICE_CONTROLLED);
    return i < 0 ? null : readLong(raw, offsets[i]);
  }

  /** XOR-MAPPED-ADDRESS, or null if absent. */
  public InetSocketAddress xorMappedAddress() throws StunParseException {
    int i = indexOf(Stun.XOR_MAPPED_ADDRESS);
    return i < 0 ? null : XorAddress.decode(raw, offsets[i], lengths[i], raw, 4);
  }

  /** ERROR-CODE's number (300–699), or -1 if absent. */
  public int errorCode() throws StunParseException {
    int i = indexOf(Stun.ERROR_CODE);
    if (i < 0) {
      return -1;
    }
    int errorClass = raw[offsets[i] + 2] & 0x07;
    int number = raw[offsets[i] + 3] & 0xFF;
    if (errorClass < 3 || errorClass > 6 || number > 99) {
      throw new StunParseException("ERROR-CODE class " + errorClass + " number " + number + " is out of range");
    }
    return errorClass * 100 + number;
  }

  /** ERROR-CODE's reason phrase, or null if absent. */
  public String errorReason() {
    int i = indexOf(Stun.ERROR_CODE);
    return i < 0 ? null : new String(raw, offsets[i] + 4, lengths[i] - 4, StandardCharsets.UTF_8);
  }

  public boolean hasIntegrity() {
    return integrityAt >= 0;
  }

  public boolean hasFingerprint() {
    return fingerprintAt >= 0;
  }

  /**
   * True when MESSAGE-INTEGRITY is present and is the HMAC-SHA1 under {@code key} of the message up to it, with the
   * header length counting up to and including it (RFC 5389 §15.4). Compared in constant time.
   */
  public boolean integrityMatches(byte[] key) {
    if (integrityAt < 0) {
      return false;
    }
    int adjusted = integrityAt + 4 + StunCrypto.INTEGRITY_LENGTH - Stun.HEADER_LENGTH;
    byte[] expected = StunCrypto.hmacSha1(key, raw, 0, integrityAt, adjusted);
    byte[] actual = Arrays.copyOfRange(raw, integrityAt + 4, integrityAt + 4 + StunCrypto.INTEGRITY_LENGTH);
    return MessageDigest.isEqual(expected, actual);
  }

  /** True when FINGERPRINT is present and is the CRC-32 of everything before it XOR 0x5354554E (RFC 5389 §15.5). */
  public boolean fingerprintMatches() {
    return fingerprintAt >= 0 && readInt(raw, fingerprintAt + 4) == StunCrypto.fingerprint(raw, 0, fingerprintAt);
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  private int indexOf(int type) {
    for (int i = 0; i < count; i++) {
      if (types[i] == type) {
        return i;
      }
    }
    return -1;
  }

  static int readShort(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  static int readInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  private static long readLong(byte[] b, int at) {
    return ((long) readInt(b, at) << 32) | (readInt(b, at + 4) & 0xFFFFFFFFL);
  }
}
