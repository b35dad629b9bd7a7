package io.voicegateway.webrtc.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Our allocation-free GCM against the JDK's, over lengths that do and do not fill whole blocks. */
class AesGcmTest {

  @Test
  void sealsAsTheJdkDoesAndOpensWhatItSealed() throws Exception {
    Random random = new Random(7);
    byte[] key = new byte[16];
    random.nextBytes(key);
    AesGcm ours = new AesGcm(key);
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    int[][] shapes = {{0, 0}, {12, 0}, {12, 1}, {12, 160}, {16, 16}, {17, 33}, {8, 44}, {40, 1000}};
    for (int[] shape : shapes) {
      int aadLength = shape[0];
      int textLength = shape[1];
      byte[] nonce = new byte[12];
      byte[] aad = new byte[aadLength];
      byte[] text = new byte[textLength];
      random.nextBytes(nonce);
      random.nextBytes(aad);
      random.nextBytes(text);

      jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      jdk.updateAAD(aad);
      byte[] expected = jdk.doFinal(text);

      byte[] buf = Arrays.copyOf(text, textLength + AesGcm.TAG);
      ours.begin(nonce);
      // Associated data in two pieces, as SRTCP hands it in.
      int split = aadLength / 3;
      ours.aad(aad, 0, split);
      ours.aad(aad, split, aadLength - split);
      ours.seal(buf, 0, textLength);
      assertArrayEquals(expected, buf, "aad " + aadLength + ", text " + textLength);

      ours.begin(nonce);
      ours.aad(aad, 0, aadLength);
      assertTrue(ours.open(buf, 0, textLength));
      assertArrayEquals(text, Arrays.copyOf(buf, textLength));

      if (aadLength > 0) {
        aad[0] ^= 1;
        ours.begin(nonce);
        ours.aad(aad, 0, aadLength);
        assertFalse(ours.open(expected.clone(), 0, textLength), "changed associated data");
      }
    }
  }
}
