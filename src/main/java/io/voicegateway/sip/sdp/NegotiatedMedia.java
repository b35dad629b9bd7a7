package io.voicegateway.sip.sdp;

import io.voicegateway.codec.CodecType;
import java.util.List;

/**
 * The outcome of one offer/answer exchange for the audio stream: everything the media engine needs to build a
 * leg, plus what is needed to write our SDP back.
 *
 * @param codec           the one codec both sides will use
 * @param payloadType     its RTP payload type, as the offerer numbered it
 * @param dtmfPayloadType the telephone-event payload type, or -1 if the peer offered none
 * @param dtmfClockRate   the telephone-event RTP clock (8000, or 48000 beside Opus when offered), 0 if none
 * @param ptimeMs         packetisation time from {@code a=ptime} (default 20)
 * @param remoteHost      where to send RTP ({@code c=} at media or session level); "0.0.0.0" on old-style hold
 * @param remotePort      where to send RTP
 * @param localDirection  the direction from OUR side: a sendonly offer makes us recvonly
 * @param fmtp            the codec's {@code a=fmtp} parameters ("" if none), e.g. {@code useinbandfec=1}
 * @param mediaIndex      position of the audio stream among all m-lines of the offer
 * @param declinedStreams the other m-lines of the offer, already written as declined answers
 *                        ({@code m=video 0 RTP/AVP 31}), in offer order; empty for our own offers
 */
public record NegotiatedMedia(
    CodecType codec,
    int payloadType,
    int dtmfPayloadType,
    int dtmfClockRate,
    int ptimeMs,
    String remoteHost,
    int remotePort,
    MediaDirection localDirection,
    String fmtp,
    int mediaIndex,
    List<String> declinedStreams) {

  public static final int NO_DTMF = -1;

  public NegotiatedMedia {
    fmtp = fmtp == null ? "" : fmtp;
    declinedStreams = List.copyOf(declinedStreams);
  }

  /** True when the peer has put us on hold or we have put the peer on hold: audio does not flow both ways. */
  public boolean onHold() {
    return localDirection != MediaDirection.SENDRECV;
  }

  /** True when the peer offered RFC 4733 telephone-event. */
  public boolean hasDtmf() {
    return dtmfPayloadType >= 0;
  }
}
