package io.voicegateway.webrtc.sdp;

/** Writes the answer's lines in a fixed order, CRLF-terminated (RFC 8866 §5). */
final class AnswerWriter {

  private final StringBuilder sb = new StringBuilder(1024);
  private final String connection;

  /** Starts the session: v=, o=, s=, t=. */
  AnswerWriter(long sessionId, long version, String address) {
    String addr = (address.indexOf(':') >= 0 ? "IP6 " : "IP4 ") + address;
    this.connection = "c=IN " + addr;
    line("v=0");
    line("o=- " + sessionId + " " + version + " IN " + addr);
    line("s=-");
    line("t=0 0");
  }

  void connection() {
    line(connection);
  }

  /**
   * A declined section (RFC 3264 §6, RFC 8829 §5.3.1): port 0, the offered formats, and its mid so the browser
   * matches it to its transceiver.
   */
  void rejected(OfferedMedia m) {
    String formats = m.formats().isEmpty() ? "" : " " + String.join(" ", m.formats());
    line("m=" + m.mediaType() + " 0 " + m.protocol() + formats);
    connection();
    if (m.mid() != null) {
      line("a=mid:" + m.mid());
    }
  }

  void line(String text) {
    sb.append(text).append("\r\n");
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
