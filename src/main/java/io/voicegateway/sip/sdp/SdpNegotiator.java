package io.voicegateway.sip.sdp;

import io.voicegateway.codec.CodecType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 3264 offer/answer for one audio stream. Stateless and thread-safe: one instance per configured codec
 * preference serves every call; each re-INVITE offer is negotiated from scratch.
 */
public final class SdpNegotiator {

  /** Our payload type for Opus in offers we make (RFC 7587 leaves it dynamic; 111 is what browsers use). */
  public static final int OFFER_OPUS_PT = 111;
  /** Our payload type for telephone-event in offers we make. */
  public static final int OFFER_DTMF_PT = 101;
  /** Packetisation time when the SDP names none, and the one we offer. */
  public static final int DEFAULT_PTIME_MS = 20;

  private static final int DTMF_CLOCK = 8000;
  private static final String OPUS_FMTP = "useinbandfec=1";

  /**
   * Why an offer of T.38 alone is refused (issue 13): fax goes through as G.711 pass-through, so the sender is to
   * stay on audio. Offered beside audio, the image stream is simply declined with port 0.
   */
  public static final String T38_REFUSED = "T.38 not supported: fax passes through on G.711";

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
   * offerer's payload type numbers, and reverses its direction. The first audio stream with a common codec is
   * taken; every other stream (video, rejected or unusable audio) is declined with port 0.
   *
   * @throws SdpNegotiationException 400 when the SDP does not parse, 488 when no audio stream or codec fits
   */
  public NegotiatedMedia answer(String offerSdp) throws SdpNegotiationException {
    List<SdpStream> streams = SdpReader.read(offerSdp);
    boolean sawAudio = false;
    boolean sawT38 = false;
    for (int i = 0; i < streams.size(); i++) {
      SdpStream s = streams.get(i);
      sawT38 |= s.isT38() && s.port() != 0;
      if (!s.isAudio() || s.port() == 0 || !s.isRtpAvp()) {
        continue;
      }
      sawAudio = true;
      Optional<Choice> choice = choose(s);
      if (choice.isPresent()) {
        List<String> declined = new ArrayList<>(streams.size() - 1);
        for (int j = 0; j < streams.size(); j++) {
          if (j != i) {
            declined.add(streams.get(j).declinedMLine());
          }
        }
        return negotiated(s, choice.get(), i, declined);
      }
    }
    if (!sawAudio && sawT38) {
      throw new SdpNegotiationException(SdpNegotiationException.NOT_ACCEPTABLE_HERE, T38_REFUSED);
    }
    throw new SdpNegotiationException(SdpNegotiationException.NOT_ACCEPTABLE_HERE,
        sawAudio ? "no codec in common with " + preference : "no usable RTP/AVP audio stream offered");
  }

  /**
   * Writes our answer for {@code media}: the chosen codec (and telephone-event if negotiated) on the audio
   * m-line, every declined stream with port 0, in the offer's m-line order.
   */
  public String renderAnswer(NegotiatedMedia media, String localAddress, int localPort, SdpOrigin origin) {
    SdpWriter w = new SdpWriter(origin, localAddress);
    int declined = 0;
    for (int i = 0; i < media.declinedStreams().size() + 1; i++) {
      if (i != media.mediaIndex()) {
        w.line(media.declinedStreams().get(declined++));
        continue;
      }
      String formats = media.hasDtmf() ? media.payloadType() + " " + media.dtmfPayloadType()
          : String.valueOf(media.payloadType());
      w.mLine(localPort, formats).codec(media.codec(), media.payloadType(), media.fmtp());
      if (media.hasDtmf()) {
        w.telephoneEvent(media.dtmfPayloadType(), media.dtmfClockRate());
      }
      w.ptime(media.ptimeMs()).direction(media.localDirection());
    }
    return w.toString();
  }

  /**
   * Writes an offer with all our preferred codecs (Opus on {@value #OFFER_OPUS_PT} with useinbandfec=1),
   * telephone-event 0-16 on {@value #OFFER_DTMF_PT} and ptime 20. Use {@link MediaDirection#SENDONLY} to put
   * the peer on hold and {@link MediaDirection#SENDRECV} to resume.
   */
  public String createOffer(String localAddress, int localPort, SdpOrigin origin, MediaDirection direction) {
    StringBuilder formats = new StringBuilder();
    for (CodecType c : preference) {
      formats.append(offerPayloadType(c)).append(' ');
    }
    formats.append(OFFER_DTMF_PT);
    SdpWriter w = new SdpWriter(origin, localAddress).mLine(localPort, formats.toString());
    for (CodecType c : preference) {
      w.codec(c, offerPayloadType(c), c == CodecType.OPUS ? OPUS_FMTP : "");
    }
    return w.telephoneEvent(OFFER_DTMF_PT, DTMF_CLOCK).ptime(DEFAULT_PTIME_MS).direction(direction).toString();
  }

  /**
   * Reads the answer to an offer from {@link #createOffer}: in its first audio stream not rejected with port 0,
   * the first codec the answerer listed that we know,
   * with the payload type it used.
   *
   * @throws SdpNegotiationException 400 when the SDP does not parse, 488 when the audio stream was rejected
   *                                 or no codec of ours is in it
   */
  public NegotiatedMedia acceptAnswer(String answerSdp) throws SdpNegotiationException {
    List<SdpStream> audios = SdpReader.read(answerSdp).stream().filter(SdpStream::isAudio).toList();
    if (audios.isEmpty()) {
      throw notAcceptable("answer has no audio stream");
    }
    SdpStream audio = audios.stream().filter(a -> a.port() != 0).findFirst()
        .orElseThrow(() -> notAcceptable("answerer rejected the audio stream"));
    for (int pt : audio.payloadTypes()) {
      Optional<CodecType> codec = codecOf(audio, pt).filter(preference::contains);
      if (codec.isPresent()) {
        return negotiated(audio, new Choice(codec.get(), pt), 0, List.of());
      }
    }
    throw notAcceptable("answer holds none of our codecs " + preference);
  }

  /** The first codec of our preference present in the stream, with the stream's payload type for it. */
  private Optional<Choice> choose(SdpStream s) {
    List<Integer> offered = s.payloadTypes();
    for (CodecType wanted : preference) {
      for (int pt : offered) {
        if (codecOf(s, pt).orElse(null) == wanted) {
          return Optional.of(new Choice(wanted, pt));
        }
      }
    }
    return Optional.empty();
  }

  /** What a payload type means in this stream: its rtpmap if any, else the RFC 3551 static assignment. */
  private static Optional<CodecType> codecOf(SdpStream s, int pt) {
    Rtpmap map = s.rtpmaps().get(pt);
    if (map != null) {
      return CodecType.byEncodingName(map.encodingName()).filter(c -> c.rtpClockRate() == map.clockRate());
    }
    for (CodecType c : CodecType.values()) {
      if (c.staticPayloadType() == pt) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static NegotiatedMedia negotiated(SdpStream s, Choice choice, int index, List<String> declined) {
    // c=0.0.0.0 (RFC 2543 hold): whatever the attribute says, the peer cannot receive at that address.
    MediaDirection remote = s.holdAddress() ? MediaDirection.of(s.direction().sends(), false) : s.direction();
    Optional<Rtpmap> dtmf = telephoneEvent(s, choice.codec);
    return new NegotiatedMedia(choice.codec, choice.payloadType,
        dtmf.map(Rtpmap::payloadType).orElse(NegotiatedMedia.NO_DTMF), dtmf.map(Rtpmap::clockRate).orElse(0),
        s.ptimeMs() > 0 ? s.ptimeMs() : DEFAULT_PTIME_MS, s.host(), s.port(), remote.reverse(),
        s.fmtps().getOrDefault(choice.payloadType, ""), index, declined);
  }

  /** The offered telephone-event whose clock matches the codec (RFC 4733 §2.1), else the first one. */
  private static Optional<Rtpmap> telephoneEvent(SdpStream s, CodecType codec) {
    List<Rtpmap> events = s.payloadTypes().stream().map(s.rtpmaps()::get)
        .filter(m -> m != null && m.isTelephoneEvent()).toList();
    return events.stream().filter(m -> m.clockRate() == codec.rtpClockRate()).findFirst()
        .or(() -> events.stream().findFirst());
  }

  private static int offerPayloadType(CodecType c) {
    return c.staticPayloadType() >= 0 ? c.staticPayloadType() : OFFER_OPUS_PT;
  }

  private static SdpNegotiationException notAcceptable(String message) {
    return new SdpNegotiationException(SdpNegotiationException.NOT_ACCEPTABLE_HERE, message);
  }

  private record Choice(CodecType codec, int payloadType) {
  }
}
