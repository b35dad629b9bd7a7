package io.voicegateway.sip.sdp;

import io.voicegateway.media.codec.CodecType;
import java.util.List;

/**
 * RFC 3264 offer/answer for one audio stream. Stateless and thread-safe: one instance per configured codec
 * preference serves every call; each re-INVITE offer is negotiated from scratch.
 */
public final class SdpNegotiator {

  /** Our payload type for Opus in offers we make (RFC 7587 leaves it dynamic; 111 is what browsers use). */
  public static final int OFFER_OPUS_PT = 111;
  /** Our payload type for telephone-event in offers we make. */
  public static final int OFFER_DTMF_PT = 101;

  private final List<CodecType> preference;

  /** @param preference our codecs, most preferred first; must not be empty */
  public SdpNegotiator(List<CodecType> preference) {
    if (preference.isEmpty()) {
      throw new IllegalArgumentException("codec preference is empty");
    }
    this.preference = List.copyOf(preference);
  }

  public List<CodecType> preference() {
    return preference;
  }

  /**
   * Answers a remote offer: picks the first codec of OUR preference that the offer carries, keeps the
   * offerer's payload type numbers, and reverses its direction.
   *
   * @throws SdpNegotiationException 400 when the SDP does not parse, 488 when no audio stream or codec fits
   */
  public NegotiatedMedia answer(String offerSdp) throws SdpNegotiationException {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Writes our answer for {@code media}: the chosen codec (and telephone-event if negotiated) on the audio
   * m-line, every declined stream with port 0, in the offer's m-line order.
   */
  public String renderAnswer(NegotiatedMedia media, String localAddress, int localPort, SdpOrigin origin) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Writes an offer with all our preferred codecs (Opus on {@value #OFFER_OPUS_PT} with useinbandfec=1),
   * telephone-event 0-16 on {@value #OFFER_DTMF_PT} and ptime 20. Use {@link MediaDirection#SENDONLY} to put
   * the peer on hold and {@link MediaDirection#SENDRECV} to resume.
   */
  public String createOffer(String localAddress, int localPort, SdpOrigin origin, MediaDirection direction) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Reads the answer to an offer from {@link #createOffer}: the first codec the answerer listed that we know,
   * with the payload type it used.
   *
   * @throws SdpNegotiationException 400 when the SDP does not parse, 488 when the audio stream was rejected
   *                                 or no codec of ours is in it
   */
  public NegotiatedMedia acceptAnswer(String answerSdp) throws SdpNegotiationException {
    throw new UnsupportedOperationException("not yet");
  }
}
