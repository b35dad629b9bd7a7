package io.voicegateway.webrtc.sdp;

import java.util.List;
import java.util.Optional;

/**
 * A browser's SDP offer as the gateway reads it.
 *
 * @param originSessionId the {@code o=} session id, which stays the same across re-offers of one peer connection
 * @param originVersion   the {@code o=} version, which goes up with each re-offer
 * @param iceLite         the offerer is an ICE-lite agent too (session-level {@code a=ice-lite}); browsers never are
 * @param bundleGroups    each {@code a=group:BUNDLE}'s mids, in order
 * @param media           the m-sections in order; the answer has one for each
 */
public record WebRtcOffer(String originSessionId, long originVersion, boolean iceLite, List<List<String>> bundleGroups,
    List<OfferedMedia> media) {

  public WebRtcOffer {
    bundleGroups = bundleGroups.stream().map(List::copyOf).toList();
    media = List.copyOf(media);
  }

  /** @throws WebRtcSdpException naming the first line that is not the SDP a browser writes */
  public static WebRtcOffer parse(String sdp) throws WebRtcSdpException {
    return WebRtcOfferParser.parse(sdp);
  }

  /** The BUNDLE group holding {@code mid}, if any. */
  public Optional<List<String>> bundleGroupOf(String mid) {
    return mid == null ? Optional.empty() : bundleGroups.stream().filter(g -> g.contains(mid)).findFirst();
  }
}
