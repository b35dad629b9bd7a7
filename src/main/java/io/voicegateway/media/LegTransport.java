package io.voicegateway.media;

/**
 * The network end of a SIP leg, as the Vert.x-free engine sees it: sends packets, follows the SDP
 * address on renegotiation, closes the sockets. The RTP verticle implements it per leg.
 */
public interface LegTransport extends PacketSender {
  /** The address from the latest SDP; symmetric RTP may still send elsewhere once latched. */
  void remote(String host, int port);

  /** Closes the sockets; safe from any thread, idempotent. */
  void close();
}
