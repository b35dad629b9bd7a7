package io.voicegateway.webrtc.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both profiles end to end: a sending context and a receiving one built from the same master key and salt. */
class SrtpContextTest {
  private static final int SSRC = 0x1234abcd;
  private static final byte[] KEY = SrtpVectorsTest.hex("E1F97A0D3E018BE0D64FA32C06DE4139");
  private static final byte[] SALT = SrtpVectorsTest.hex("0EC675AD498AFEEBB6960B3AABE6");

  static SrtpContext context(SrtpProfile profile) {
    return SrtpContext.create(profile, KEY, Arrays.copyOf(SALT, profile.saltLength()));
  }

  /** An RTP packet with a 160-byte payload that depends on seq, in a buffer with room for a tag. */
  static byte[] rtp(int seq, int ssrc) {
    byte[] buf = new byte[12 + 160 + 32];
    buf[0] = (byte) 0x80;
    buf[1] = 111;
    buf[2] = (byte) (seq >>> 8);
    buf[3] = (byte) seq;
    PacketCipher.putInt(buf, 4, seq * 960);
    PacketCipher.putInt(buf, 8, ssrc);
    for (int i = 12; i < 172; i++) {
      buf[i] = (byte) (i + seq);
    }
    return buf;
  }

  static final int RTP_LEN = 172;

  /** A sender report with one report block (52 bytes). */
  static byte[] rtcp(int ssrc) {
    byte[] buf = new byte[52 + 32];
    buf[0] = (byte) 0x81;
    buf[1] = (byte) 200;
    buf[3] = 12;
    PacketCipher.putInt(buf, 4, ssrc);
    for (int i = 8; i < 52; i++) {
      buf[i] = (byte) (i * 3);
    }
    return buf;
  }

  static final int RTCP_LEN = 52;

  /** Protects packet {@code seq} and returns the SRTP bytes. */
  static byte[] sent(SrtpContext sender, int seq) {
    byte[] buf = rtp(seq, SSRC);
    int len = sender.protectRtp(buf, 0, RTP_LEN);
    assertTrue(len > 0, "protect " + seq + ": " + SrtpResult.name(len));
    return Arrays.copyOf(buf, len);
  }

  /** Unprotects a copy (with the slack a socket buffer has) and returns the result code or length. */
  static int receive(SrtpContext receiver, byte[] srtp) {
    byte[] buf = Arrays.copyOf(srtp, srtp.length + 16);
    return receiver.unprotectRtp(buf, 0, srtp.length);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtpRoundTripsAndIsEncrypted(SrtpProfile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    byte[] buf = rtp(1000, SSRC);
    byte[] plain = Arrays.copyOf(buf, RTP_LEN);

    int len = sender.protectRtp(buf, 0, RTP_LEN);
    assertEquals(RTP_LEN + profile.tagLength(), len);
    assertArrayEquals(Arrays.copyOf(plain, 12), Arrays.copyOf(buf, 12), "the header stays in clear");
    assertFalse(Arrays.equals(plain, 12, RTP_LEN, buf, 12, RTP_LEN), "the payload is encrypted");

    assertEquals(RTP_LEN, receiver.unprotectRtp(buf, 0, len));
    assertArrayEquals(plain, Arrays.copyOf(buf, RTP_LEN));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtpWithCsrcsAndAHeaderExtensionKeepsThemInClearAndRoundTrips(SrtpProfile profile) {
    byte[] buf = new byte[128];
    buf[0] = (byte) 0x91; // X=1, CC=1
    buf[1] = 111;
    buf[3] = 7;
    PacketCipher.putInt(buf, 8, SSRC);
    PacketCipher.putInt(buf, 12, 0x0a0b0c0d); // CSRC
    buf[16] = (byte) 0xbe;
    buf[17] = (byte) 0xde;
    buf[19] = 1; // one word of extension
    PacketCipher.putInt(buf, 20, 0x10ff0000);
    for (int i = 24; i < 64; i++) {
      buf[i] = (byte) i;
    }
    byte[] plain = Arrays.copyOf(buf, 64);
    int len = context(profile).protectRtp(buf, 0, 64);
    assertArrayEquals(Arrays.copyOf(plain, 24), Arrays.copyOf(buf, 24));
    assertFalse(Arrays.equals(plain, 24, 64, buf, 24, 64));
    assertEquals(64, context(profile).unprotectRtp(buf, 0, len));
    assertArrayEquals(plain, Arrays.copyOf(buf, 64));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtpWorksAtAnOffsetInTheCallersBuffer(SrtpProfile profile) {
    byte[] packet = rtp(5, SSRC);
    byte[] buf = new byte[400];
    System.arraycopy(packet, 0, buf, 100, RTP_LEN);
    int len = context(profile).protectRtp(buf, 100, RTP_LEN);
    assertEquals(RTP_LEN, context(profile).unprotectRtp(buf, 100, len));
    assertArrayEquals(Arrays.copyOf(packet, RTP_LEN), Arrays.copyOfRange(buf, 100, 100 + RTP_LEN));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtcpRoundTripsWithTheEBitAndARisingIndex(SrtpProfile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    for (int n = 0; n < 3; n++) {
      byte[] buf = rtcp(SSRC);
      byte[] plain = Arrays.copyOf(buf, RTCP_LEN);
      int len = sender.protectRtcp(buf, 0, RTCP_LEN);
      assertEquals(RTCP_LEN + profile.rtcpOverhead(), len);
      int wordAt = profile == SrtpProfile.AEAD_AES_128_GCM ? len - 4 : RTCP_LEN;
      assertEquals(0x80000000 | n, readInt(buf, wordAt), "E-bit set, index " + n);
      assertArrayEquals(Arrays.copyOf(plain, 8), Arrays.copyOf(buf, 8), "the first 8 bytes stay in clear");
      assertFalse(Arrays.equals(plain, 8, RTCP_LEN, buf, 8, RTCP_LEN));

      assertEquals(RTCP_LEN, receiver.unprotectRtcp(buf, 0, len));
      assertArrayEquals(plain, Arrays.copyOf(buf, RTCP_LEN));
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtcpReplayAndTamperingAreDropped(SrtpProfile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    byte[] buf = rtcp(SSRC);
    int len = sender.protectRtcp(buf, 0, RTCP_LEN);
    byte[] srtcp = Arrays.copyOf(buf, len);

    byte[] tampered = srtcp.clone();
    tampered[20] ^= 0x40;
    assertEquals(SrtpResult.AUTH_FAILED, receiver.unprotectRtcp(tampered, 0, len));
    assertEquals(RTCP_LEN, receiver.unprotectRtcp(srtcp.clone(), 0, len), "a forgery does not block the original");
    assertEquals(SrtpResult.REPLAYED, receiver.unprotectRtcp(srtcp.clone(), 0, len));
    assertEquals(1, receiver.authFailures());
    assertEquals(1, receiver.replays());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rolloverCounterAdvancesAtTheWrapAndALatePacketFromBeforeItStillDecrypts(SrtpProfile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    byte[] p65534 = sent(sender, 65534);
    byte[] p65535 = sent(sender, 65535);
    byte[] p0 = sent(sender, 0);
    byte[] p1 = sent(sender, 1);
    byte[] p2 = sent(sender, 2);

    assertEquals(RTP_LEN, receive(receiver, p65534));
    assertEquals(RTP_LEN, receive(receiver, p0), "seq 0 after 65534 is ROC 1");
    assertEquals(RTP_LEN, receive(receiver, p1));
    assertEquals(RTP_LEN, receive(receiver, p65535), "the late 65535 is placed in ROC 0");
    assertEquals(RTP_LEN, receive(receiver, p2));
    assertEquals(SrtpResult.REPLAYED, receive(receiver, p65535));
    assertEquals(0, receiver.authFailures());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aWholeRolloverOfSequenceNumbersKeepsDecrypting(SrtpProfile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    for (int n = 0; n < 70_000; n += 7) {
      int seq = (60_000 + n) & 0xffff;
      assertEquals(RTP_LEN, receive(receiver, sent(sender, seq)), "seq " + seq);
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aReplayedPacketIsDroppedAndCounted(SrtpProfile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    byte[] packet = sent(sender, 42);
    assertEquals(RTP_LEN, receive(receiver, packet));
    assertEquals(SrtpResult.REPLAYED, receive(receiver, packet));
    assertEquals(1, receiver.replays());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aTamperedPayloadOrHeaderIsDroppedAndTheWindowIsUntouched(SrtpProfile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    byte[] packet = sent(sender, 42);

    byte[] payload = packet.clone();
    payload[50] ^= 1;
    assertEquals(SrtpResult.AUTH_FAILED, receive(receiver, payload));
    byte[] header = packet.clone();
    header[1] ^= 1; // payload type
    assertEquals(SrtpResult.AUTH_FAILED, receive(receiver, header));
    byte[] tag = packet.clone();
    tag[tag.length - 1] ^= 1;
    assertEquals(SrtpResult.AUTH_FAILED, receive(receiver, tag));
    assertEquals(3, receiver.authFailures());

    assertEquals(RTP_LEN, receive(receiver, packet));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void anotherKeyFailsAuthentication(SrtpProfile profile) {
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    SrtpContext receiver = SrtpContext.create(profile, otherKey, Arrays.copyOf(SALT, profile.saltLength()));
    assertEquals(SrtpResult.AUTH_FAILED, receive(receiver, sent(context(profile), 1)));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void outOfOrderWithinTheWindowIsAcceptedAndOlderIsDropped(SrtpProfile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    byte[][] packets = new byte[200][];
    for (int seq = 0; seq < 200; seq++) {
      packets[seq] = sent(sender, seq);
    }
    assertEquals(RTP_LEN, receive(receiver, packets[100]));
    for (int seq = 99; seq > 100 - ReplayWindow.SIZE; seq--) {
      assertEquals(RTP_LEN, receive(receiver, packets[seq]), "seq " + seq);
    }
    assertEquals(SrtpResult.REPLAYED, receive(receiver, packets[100 - ReplayWindow.SIZE]), "64 behind the top");
    assertEquals(RTP_LEN, receive(receiver, packets[150]));
    assertEquals(RTP_LEN, receive(receiver, packets[120]));
    assertEquals(SrtpResult.REPLAYED, receive(receiver, packets[99]), "already seen");
    assertEquals(SrtpResult.REPLAYED, receive(receiver, packets[10]), "never seen, but 140 behind the top");
    assertEquals(3, receiver.replays());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void streamsOfDifferentSsrcsKeepTheirOwnState(SrtpProfile profile) {
    SrtpContext sender = context(profile);
    SrtpContext receiver = context(profile);
    byte[] a = rtp(7, 1);
    byte[] b = rtp(7, 2);
    int lenA = sender.protectRtp(a, 0, RTP_LEN);
    int lenB = sender.protectRtp(b, 0, RTP_LEN);
    assertFalse(Arrays.equals(a, 12, RTP_LEN, b, 12, RTP_LEN), "the SSRC is part of the IV");
    assertEquals(RTP_LEN, receiver.unprotectRtp(a, 0, lenA));
    assertEquals(RTP_LEN, receiver.unprotectRtp(b, 0, lenB), "same seq, other SSRC: not a replay");
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void theSenderRefusesToReuseAnIndex(SrtpProfile profile) {
    SrtpContext sender = context(profile);
    sent(sender, 9);
    byte[] again = rtp(9, SSRC);
    assertEquals(SrtpResult.REPLAYED, sender.protectRtp(again, 0, RTP_LEN));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void badInputGetsAResultCode(SrtpProfile profile) {
    SrtpContext context = context(profile);
    byte[] shortPacket = new byte[40];
    shortPacket[0] = (byte) 0x80;
    assertEquals(SrtpResult.MALFORMED, context.unprotectRtp(shortPacket, 0, 11));
    assertEquals(SrtpResult.MALFORMED, context.unprotectRtp(shortPacket, 0, 12 + profile.tagLength() - 1));
    byte[] version1 = rtp(1, SSRC);
    version1[0] = 0x40;
    assertEquals(SrtpResult.MALFORMED, context.unprotectRtp(version1, 0, RTP_LEN));
    byte[] longExtension = rtp(1, SSRC);
    longExtension[0] = (byte) 0x90;
    longExtension[14] = (byte) 0xff;
    assertEquals(SrtpResult.MALFORMED, context.protectRtp(longExtension, 0, RTP_LEN));
    assertEquals(SrtpResult.MALFORMED, context.unprotectRtcp(new byte[12], 0, 12));
    assertEquals(3 + 1, context.malformed());

    byte[] full = rtp(1, SSRC);
    assertEquals(SrtpResult.NO_ROOM, context.protectRtp(full, 0, full.length - profile.tagLength() + 1));
    byte[] fullRtcp = rtcp(SSRC);
    assertEquals(SrtpResult.NO_ROOM, context.protectRtcp(fullRtcp, 0, fullRtcp.length - 3));
  }

  @Test
  void moreSsrcsThanTheContextTracksAreRefused() {
    SrtpContext sender = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    for (int ssrc = 0; ssrc < SrtpContext.MAX_STREAMS; ssrc++) {
      assertTrue(sender.protectRtp(rtp(1, ssrc), 0, RTP_LEN) > 0);
    }
    assertEquals(SrtpResult.TOO_MANY_STREAMS, sender.protectRtp(rtp(1, 999), 0, RTP_LEN));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void forgedPacketsFromMadeUpSsrcsDoNotTakeTheReceiversStreamSlots(SrtpProfile profile) {
    SrtpContext receiver = context(profile);
    for (int ssrc = 100; ssrc < 100 + 4 * SrtpContext.MAX_STREAMS; ssrc++) {
      byte[] forged = rtp(1, ssrc);
      assertEquals(SrtpResult.AUTH_FAILED, receiver.unprotectRtp(forged, 0, RTP_LEN + profile.tagLength()));
      byte[] forgedRtcp = rtcp(ssrc);
      forgedRtcp[RTCP_LEN + profile.rtcpOverhead() - (profile == SrtpProfile.AEAD_AES_128_GCM ? 4 : 14)] =
          (byte) 0x80;
      assertEquals(SrtpResult.AUTH_FAILED, receiver.unprotectRtcp(forgedRtcp, 0, RTCP_LEN + profile.rtcpOverhead()));
    }
    assertEquals(RTP_LEN, receive(receiver, sent(context(profile), 1)));
  }

  @Test
  void aesCmSrtcpWithTheEBitClearIsAuthenticatedButNotDecrypted() throws Exception {
    SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    SessionKeys keys = SessionKeys.derive(profile, KEY, SALT);
    byte[] buf = rtcp(SSRC);
    byte[] plain = Arrays.copyOf(buf, RTCP_LEN);
    PacketCipher.putInt(buf, RTCP_LEN, 17); // E = 0, index 17
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
    mac.init(new javax.crypto.spec.SecretKeySpec(keys.rtcpAuthKey(), "HmacSHA1"));
    mac.update(buf, 0, RTCP_LEN + 4);
    System.arraycopy(mac.doFinal(), 0, buf, RTCP_LEN + 4, 10);

    SrtpContext receiver = context(profile);
    byte[] tampered = buf.clone();
    tampered[30] ^= 1;
    assertEquals(SrtpResult.AUTH_FAILED, receiver.unprotectRtcp(tampered, 0, RTCP_LEN + 14));
    assertEquals(RTCP_LEN, receiver.unprotectRtcp(buf, 0, RTCP_LEN + 14));
    assertArrayEquals(plain, Arrays.copyOf(buf, RTCP_LEN));
  }

  @Test
  void keysOfTheWrongLengthAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SrtpContext.create(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT));
    assertTrue(e.getMessage().contains("12-byte master salt"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SrtpContext.create(SrtpProfile.AES_CM_128_HMAC_SHA1_80, new byte[15], SALT));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aSessionSendsWithItsLocalKeysAndReceivesWithTheRemoteOnes(SrtpProfile profile) {
    byte[] k1 = KEY.clone();
    byte[] k2 = KEY.clone();
    k2[3] ^= 0x55;
    byte[] s1 = Arrays.copyOf(SALT, profile.saltLength());
    byte[] s2 = s1.clone();
    s2[0] ^= 0x11;
    SrtpSession gateway = SrtpSession.create(profile, k1, s1, k2, s2);
    SrtpSession browser = SrtpSession.create(profile, k2, s2, k1, s1);
    assertEquals(RTP_LEN, receive(browser.inbound(), sent(gateway.outbound(), 3)));
    assertEquals(RTP_LEN, receive(gateway.inbound(), sent(browser.outbound(), 3)));
    assertEquals(SrtpResult.AUTH_FAILED, receive(gateway.inbound(), sent(gateway.outbound(), 4)));
  }

  @Test
  void profilesMapFromTheirUseSrtpIds() {
    assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.ofDtlsId(0x0001));
    assertEquals(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.ofDtlsId(0x0007));
    assertEquals(null, SrtpProfile.ofDtlsId(0x0002));
  }

  private static int readInt(byte[] buf, int at) {
    return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8) | (buf[at + 3] & 0xff);
  }
}
