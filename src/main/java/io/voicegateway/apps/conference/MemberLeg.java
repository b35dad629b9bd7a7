package io.voicegateway.apps.conference;

import io.voicegateway.apps.prompts.PromptPlayer;
import io.voicegateway.media.MixerLeg;

/**
 * A conference session's app leg: before the caller is in the room (asking for the PIN) it plays prompts only; once
 * in, the {@link RoomMember} takes over. The apps loop sets the member through a volatile field, the member call's
 * mixer thread reads it once per call.
 */
final class MemberLeg implements MixerLeg {
  private final PromptPlayer player;
  private volatile RoomMember member;

  MemberLeg(PromptPlayer player) {
    this.player = player;
  }

  PromptPlayer player() {
    return player;
  }

  void enter(RoomMember joined) {
    member = joined;
  }

  RoomMember member() {
    return member;
  }

  @Override
  public float[] pull() {
    RoomMember m = member;
    return m == null ? player.pull() : m.pull();
  }

  @Override
  public void push(float[] mix) {
    RoomMember m = member;
    if (m != null) {
      m.push(mix);
    }
  }

  @Override
  public boolean listening() {
    return true;
  }
}
