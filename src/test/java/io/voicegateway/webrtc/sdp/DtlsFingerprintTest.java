package io.voicegateway.webrtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DtlsFingerprintTest {

  private static final String HEX =
      "0F:5B:7E:22:91:AC:3D:E4:68:10:B2:CF:45:9A:07:D3:6E:81:F4:2C:BB:19:70:E5:3A:D6:8C:21:4F:97:0B:66";

  @Test
  void readsAndWritesTheSdpForm() throws WebRtcSdpException {
    DtlsFingerprint f = DtlsFingerprint.parse("SHA-256 " + HEX.toLowerCase()).orElseThrow();

    assertEquals("sha-256", f.algorithm());
    assertEquals(32, f.digest().length);
    assertEquals((byte) 0x0F, f.digest()[0]);
    assertEquals("sha-256 " + HEX, f.sdpValue());
    assertEquals(DtlsFingerprint.of("sha-256", HEX), f);
  }

  @Test
  void digestCannotBeChangedFromOutside() {
    DtlsFingerprint f = DtlsFingerprint.of("sha-256", HEX);
    f.digest()[0] = 0;

    assertEquals((byte) 0x0F, f.digest()[0]);
  }

  @Test
  void skipsUnknownOrUntrustedHashes() throws WebRtcSdpException {
    assertEquals(Optional.empty(), DtlsFingerprint.parse("md5 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"));
    assertEquals(Optional.empty(), DtlsFingerprint.parse("whirlpool 00:11"));
  }

  @Test
  void refusesADigestOfTheWrongLength() {
    WebRtcSdpException e = assertThrows(WebRtcSdpException.class, () -> DtlsFingerprint.parse("sha-256 0F:5B"));
    assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
  }
}
