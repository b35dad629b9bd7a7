package io.voicegateway.media.rtp;

/** Where the receive path counts what it drops and how often a learnt source changes (the meters, in production). */
public interface RtpDropCounter {
  RtpDropCounter NONE = new RtpDropCounter() {
    @Override
    public void dropped(RtpDrop reason) {}

    @Override
    public void sourceChanged() {}
  };

  /** Called on the receive thread for every dropped datagram: must not allocate. */
  void dropped(RtpDrop reason);

  void sourceChanged();
}
