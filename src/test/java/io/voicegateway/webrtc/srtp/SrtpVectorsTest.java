package io.voicegateway.webrtc.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The published test vectors: RFC 3711 Appendix B.2 and B.3, RFC 7714 §16.1.1 and §17.1/§17.3. */
class SrtpVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static byte[] hex(String s) {
    return HEX.parseHex(s.replace(" ", "").toLowerCase());
  }

  @Test
  void aesCmKeystreamMatchesRfc3711B2() {
    AesCounterMode cm = new AesCounterMode(hex("2B7E151628AED2A6ABF7158809CF4F3C"));
    byte[] start = new byte[48];
    cm.xorKeystream(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), start, 0, 48);
    assertEquals("e03ead0935c95e80e166b16dd92b4eb4" + "d23513162b02d0f72a43a2fe4a5f97ab"
        + "41e95b3bb0a2e8dd477901e4fca894c0", HEX.formatHex(start));

    // The end of the 65282-block segment: counters FEFF, FF00, FF01 (a carry into the byte above).
    byte[] end = new byte[48];
    cm.xorKeystream(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF"), end, 0, 48);
    assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4" + "362b7c3c6773516318a077d7fc5073ae"
        + "6a2cc3787889374fbeb4c81b17ba6c44", HEX.formatHex(end));
  }

  @Test
  void aesCmIvFromSaltSsrcAndIndexGivesRfc3711B2Keystream() {
    // SSRC 0, index 0 and the B.2 salt: the packet IV is the B.2 offset, so the payload is XORed with its keystream.
    SessionKeys keys = new SessionKeys(hex("2B7E151628AED2A6ABF7158809CF4F3C"), new byte[20],
        hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"), new byte[16], new byte[20], new byte[14]);
    byte[] packet = new byte[12 + 16 + 10];
    packet[0] = (byte) 0x80;
    new AesCmHmacCipher(keys).protectRtp(packet, 0, 12, 28, 0, 0);
    assertEquals("e03ead0935c95e80e166b16dd92b4eb4", HEX.formatHex(packet, 12, 28));
  }

  @Test
  void keyDerivationMatchesRfc3711B3() {
    byte[] masterKey = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    byte[] masterSalt = hex("0EC675AD498AFEEBB6960B3AABE6");
    assertEquals("c61e7a93744f39ee10734afe3ff7a087",
        HEX.formatHex(SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTP_ENCRYPTION, 16)));
    assertEquals("30cbbc08863d8c85d49db34a9ae1",
        HEX.formatHex(SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTP_SALT, 14)));
    assertEquals(("CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE"
            + "E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25"
            + "6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2").replace(" ", "").toLowerCase(),
        HEX.formatHex(SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTP_AUTH, 94)));

    SessionKeys keys = SessionKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80, masterKey, masterSalt);
    assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4", HEX.formatHex(keys.rtpAuthKey()));
  }

  @Test
  void hmacMatchesTheJdkMac() throws Exception {
    byte[] key = hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
    Mac jdk = Mac.getInstance("HmacSHA1");
    jdk.init(new SecretKeySpec(key, "HmacSHA1"));
    HmacSha1 ours = new HmacSha1(key);
    byte[] out = new byte[20];
    for (int len : new int[] {0, 1, 55, 64, 65, 200}) {
      byte[] message = new byte[len];
      for (int i = 0; i < len; i++) {
        message[i] = (byte) (i * 7 + len);
      }
      ours.update(message, 0, len);
      ours.finish(out, 0);
      assertArrayEquals(jdk.doFinal(message), out, "length " + len);
    }
  }

  // RFC 7714 §16: session key 00..0f, salt "Quid pro quo", the Gallia packet with seq 0xf17b, SSRC 0x5501a0b2.
  private static final byte[] GCM_KEY = hex("000102030405060708090a0b0c0d0e0f");
  private static final byte[] GCM_SALT = hex("517569642070726f2071756f");
  private static final String RTP = "8040f17b8041f8d35501a0b2"
      + "47616c6c696120657374206f6d6e697320646976" + "69736120696e20706172746573207472" + "6573";
  private static final String SRTP = "8040f17b8041f8d35501a0b2"
      + "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
      + "899d7f27beb16a9152cf765ee4390cce";
  // RFC 7714 §17: SSRC "Mars", SRTCP index 0x5d4.
  private static final String RTCP = "81c8000d4d617273"
      + "4e5450314e545032525450200000042a0000e9304c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
  private static final String SRTCP = "81c8000d4d617273"
      + "63e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded0bb9275bc84aa458"
      + "96cf4d2fc5abf87245d9eade" + "800005d4";
  private static final String SRTCP_TAG_ONLY = RTCP + "841dd9683dd78ec92ae58790125f62b3" + "000005d4";

  private static SrtpContext gcmContext() {
    return new SrtpContext(SrtpProfile.AEAD_AES_128_GCM,
        new SessionKeys(GCM_KEY, new byte[0], GCM_SALT, GCM_KEY, new byte[0], GCM_SALT));
  }

  @Test
  void gcmSrtpMatchesRfc7714Section16() {
    byte[] buf = new byte[200];
    byte[] rtp = hex(RTP);
    System.arraycopy(rtp, 0, buf, 0, rtp.length);
    int len = gcmContext().protectRtp(buf, 0, rtp.length);
    assertEquals(SRTP, HEX.formatHex(buf, 0, len));

    byte[] srtp = hex(SRTP);
    System.arraycopy(srtp, 0, buf, 0, srtp.length);
    len = gcmContext().unprotectRtp(buf, 0, srtp.length);
    assertEquals(RTP, HEX.formatHex(buf, 0, len));
  }

  @Test
  void gcmSrtcpMatchesRfc7714Section17() {
    SrtpContext sender = gcmContext();
    sender.setNextRtcpIndex(0x4d617273, 0x5d4);
    byte[] buf = new byte[200];
    byte[] rtcp = hex(RTCP);
    System.arraycopy(rtcp, 0, buf, 0, rtcp.length);
    int len = sender.protectRtcp(buf, 0, rtcp.length);
    assertEquals(SRTCP, HEX.formatHex(buf, 0, len));

    byte[] srtcp = hex(SRTCP);
    System.arraycopy(srtcp, 0, buf, 0, srtcp.length);
    len = gcmContext().unprotectRtcp(buf, 0, srtcp.length);
    assertEquals(RTCP, HEX.formatHex(buf, 0, len));
  }

  @Test
  void gcmSrtcpWithTheEBitClearIsAuthenticatedOnlyPerRfc7714Section17_3() {
    byte[] packet = hex(SRTCP_TAG_ONLY);
    int len = gcmContext().unprotectRtcp(packet, 0, packet.length);
    assertEquals(RTCP, HEX.formatHex(packet, 0, len));

    byte[] forged = hex(SRTCP_TAG_ONLY);
    forged[20] ^= 1;
    assertEquals(SrtpResult.AUTH_FAILED, gcmContext().unprotectRtcp(forged, 0, forged.length));
  }
}
