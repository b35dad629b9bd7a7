package io.voicegateway.webrtc.ice;

/** The STUN numbers this package speaks (RFC 5389/8489 §18 registries, RFC 8445 §16 for ICE's attributes). */
public final class Stun {
  private Stun() {
  }

  public static final int MAGIC_COOKIE = 0x2112A442;
  public static final int HEADER_LENGTH = 20;
  public static final int TRANSACTION_ID_LENGTH = 12;

  /** Message types: method Binding (0x001) in each class. */
  public static final int BINDING_REQUEST = 0x0001;
  public static final int BINDING_INDICATION = 0x0011;
  public static final int BINDING_SUCCESS = 0x0101;
  public static final int BINDING_ERROR = 0x0111;

  public static final int MAPPED_ADDRESS = 0x0001;
  public static final int USERNAME = 0x0006;
  public static final int MESSAGE_INTEGRITY = 0x0008;
  public static final int ERROR_CODE = 0x0009;
  public static final int UNKNOWN_ATTRIBUTES = 0x000A;
  public static final int REALM = 0x0014;
  public static final int NONCE = 0x0015;
  public static final int XOR_MAPPED_ADDRESS = 0x0020;
  public static final int PRIORITY = 0x0024;
  public static final int USE_CANDIDATE = 0x0025;
  public static final int SOFTWARE = 0x8022;
  public static final int FINGERPRINT = 0x8028;
  public static final int ICE_CONTROLLED = 0x8029;
  public static final int ICE_CONTROLLING = 0x802A;

  /** RFC 5389 §15.3: a USERNAME is under 513 bytes. */
  public static final int MAX_USERNAME_LENGTH = 512;

  /** RFC 5389 §15: types 0x0000–0x7FFF must be understood, or a request fails with 420. */
  public static boolean isComprehensionRequired(int type) {
    return type < 0x8000;
  }

  /** The comprehension-required attributes this package understands; any other in a request earns a 420. */
  static boolean isKnownRequired(int type) {
    switch (type) {
      case MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, REALM, NONCE,
          XOR_MAPPED_ADDRESS, PRIORITY, USE_CANDIDATE:
        return true;
      default:
        return false;
    }
  }

  /** The class bits C1C0 of a message type (RFC 5389 §6): 0 request, 1 indication, 2 success, 3 error. */
  public static int messageClass(int messageType) {
    return ((messageType >> 7) & 0x2) | ((messageType >> 4) & 0x1);
  }

  /** The 12-bit method of a message type, its bits taken from around the class bits (RFC 5389 §6). */
  public static int method(int messageType) {
    return (messageType & 0x000F) | ((messageType >> 1) & 0x0070) | ((messageType >> 2) & 0x0F80);
  }
}
