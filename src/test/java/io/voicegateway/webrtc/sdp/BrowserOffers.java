package io.voicegateway.webrtc.sdp;

/**
 * Offers written the way the browsers write them (Chromium's audio-only offer from {@code addTrack} of a microphone,
 * Firefox's with a data channel), CRLF-terminated. Tests change single lines of these with {@link #replace}.
 */
final class BrowserOffers {

  static final String CHROMIUM_FINGERPRINT =
      "0F:5B:7E:22:91:AC:3D:E4:68:10:B2:CF:45:9A:07:D3:6E:81:F4:2C:BB:19:70:E5:3A:D6:8C:21:4F:97:0B:66";

  static final String CHROMIUM = crlf("""
      v=0
      o=- 4611731400430051336 2 IN IP4 127.0.0.1
      s=-
      t=0 0
      a=group:BUNDLE 0
      a=extmap-allow-mixed
      a=msid-semantic: WMS 5f0d3a8e-4c1b-4b7e-9d62-0c1f3e2a9b77
      m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
      c=IN IP4 0.0.0.0
      a=rtcp:9 IN IP4 0.0.0.0
      a=candidate:3348385240 1 udp 2122260223 192.168.1.23 54321 typ host generation 0 network-id 1 network-cost 10
      a=candidate:1850146396 1 udp 2122194687 6f1c8a70-3b3c-4d0e-9b2a-1f5b0a7f6d21.local 50123 typ host \
      generation 0 network-id 2
      a=candidate:2049224808 1 tcp 1518280447 192.168.1.23 9 typ host tcptype active generation 0 network-id 1
      a=ice-ufrag:Hm0t
      a=ice-pwd:3lLfm1kc6cBB0GvZbsOu6fT+
      a=ice-options:trickle
      a=fingerprint:sha-256 %s
      a=setup:actpass
      a=mid:0
      a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
      a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
      a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
      a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
      a=sendrecv
      a=msid:5f0d3a8e-4c1b-4b7e-9d62-0c1f3e2a9b77 1c9e2b44-70d1-4a8e-b8f0-5a3c6d2e1f08
      a=rtcp-mux
      a=rtcp-rsize
      a=rtpmap:111 opus/48000/2
      a=rtcp-fb:111 transport-cc
      a=fmtp:111 minptime=10;useinbandfec=1
      a=rtpmap:63 red/48000/2
      a=fmtp:63 111/111
      a=rtpmap:9 G722/8000
      a=rtpmap:0 PCMU/8000
      a=rtpmap:8 PCMA/8000
      a=rtpmap:13 CN/8000
      a=rtpmap:110 telephone-event/48000
      a=rtpmap:126 telephone-event/8000
      a=ssrc:2518170129 cname:b8kC0dVq5Yg1r9Xn
      a=ssrc:2518170129 msid:5f0d3a8e-4c1b-4b7e-9d62-0c1f3e2a9b77 1c9e2b44-70d1-4a8e-b8f0-5a3c6d2e1f08
      """.formatted(CHROMIUM_FINGERPRINT));

  static final String FIREFOX_FINGERPRINT =
      "A4:02:9C:11:5E:D8:3B:70:C6:2F:94:E1:08:BD:57:6A:F3:1C:89:42:DE:65:0B:B7:2D:90:4E:C3:7F:18:A9:E6";

  /** Firefox: fingerprint at session level, ICE credentials per section, a data channel bundled with the audio. */
  static final String FIREFOX = crlf("""
      v=0
      o=mozilla...THIS_IS_SDPARTA-128.0 6379530925376355398 0 IN IP4 0.0.0.0
      s=-
      t=0 0
      a=fingerprint:sha-256 %s
      a=group:BUNDLE 0 1
      a=ice-options:trickle
      a=msid-semantic:WMS *
      m=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101
      c=IN IP4 0.0.0.0
      a=sendrecv
      a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
      a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level
      a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid
      a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1;maxaveragebitrate=32000
      a=fmtp:101 0-15
      a=ice-pwd:4e2b1f7a9c0d3e5f6a7b8c9d0e1f2a3b
      a=ice-ufrag:9d3c7e1a
      a=mid:0
      a=msid:{8a2f6c1e-3b9d-4e7a-a0c5-2d1f9e8b7c6a} {c4e9b2a1-6f3d-4a8e-9b7c-1e2d3f4a5b6c}
      a=rtcp-mux
      a=rtpmap:109 opus/48000/2
      a=rtpmap:9 G722/8000/1
      a=rtpmap:0 PCMU/8000
      a=rtpmap:8 PCMA/8000
      a=rtpmap:101 telephone-event/8000
      a=setup:actpass
      a=ssrc:3171632418 cname:{0b5e2c7d-9a4f-4e1b-8c3d-6f2a1e9b0d7c}
      m=application 9 UDP/DTLS/SCTP webrtc-datachannel
      c=IN IP4 0.0.0.0
      a=sendrecv
      a=ice-pwd:4e2b1f7a9c0d3e5f6a7b8c9d0e1f2a3b
      a=ice-ufrag:9d3c7e1a
      a=mid:1
      a=setup:actpass
      a=sctp-port:5000
      a=max-message-size:1073741823
      """.formatted(FIREFOX_FINGERPRINT));

  private BrowserOffers() {
  }

  /** {@code sdp} with its one line starting with {@code prefix} replaced by {@code lines} (none: removed). */
  static String replace(String sdp, String prefix, String... lines) {
    StringBuilder sb = new StringBuilder();
    int hits = 0;
    for (String line : sdp.split("\r\n")) {
      if (line.startsWith(prefix)) {
        hits++;
        for (String l : lines) {
          sb.append(l).append("\r\n");
        }
      } else {
        sb.append(line).append("\r\n");
      }
    }
    if (hits != 1) {
      throw new IllegalArgumentException(hits + " lines start with " + prefix);
    }
    return sb.toString();
  }

  private static String crlf(String text) {
    return text.replace("\n", "\r\n");
  }
}
