package io.voicegateway.sip.sdp;

import io.voicegateway.codec.CodecType;

/**
 * Writes our SDP. Done by hand rather than through {@code javax.sdp} builders because our SDP is a fixed,
 * small shape and a plain builder keeps the line order exact and readable.
 */
final class SdpWriter {

  private static final String CRLF = "\r\n";
  private final StringBuilder sb = new StringBuilder(512);

  /** Starts a session: v=, o=, s=, c=, t=. */
  SdpWriter(SdpOrigin origin, String localAddress) {
    String addr = addressType(localAddress) + " " + localAddress;
    line("v=0");
    line("o=- " + origin.sessionId() + " " + origin.version() + " IN " + addr);
    line("s=voice-gateway");
    line("c=IN " + addr);
    line("t=0 0");
  }

  SdpWriter mLine(int port, String formats) {
    return line("m=audio " + port + " RTP/AVP " + formats);
  }

  SdpWriter codec(CodecType codec, int payloadType, String fmtp) {
    String channels = codec.sdpChannels() > 1 ? "/" + codec.sdpChannels() : "";
    line("a=rtpmap:" + payloadType + " " + codec.encodingName() + "/" + codec.rtpClockRate() + channels);
    if (fmtp != null && !fmtp.isEmpty()) {
      line("a=fmtp:" + payloadType + " " + fmtp);
    }
    return this;
  }

  SdpWriter telephoneEvent(int payloadType, int clockRate) {
    line("a=rtpmap:" + payloadType + " telephone-event/" + clockRate);
    return line("a=fmtp:" + payloadType + " 0-16");
  }

  SdpWriter ptime(int ms) {
    return line("a=ptime:" + ms);
  }

  SdpWriter direction(MediaDirection direction) {
    return line("a=" + direction.sdpName());
  }

  SdpWriter line(String text) {
    sb.append(text).append(CRLF);
    return this;
  }

  @Override
  public String toString() {
    return sb.toString();
  }

  private static String addressType(String address) {
    return address.indexOf(':') >= 0 ? "IP6" : "IP4";
  }
}
