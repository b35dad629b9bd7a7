package io.voicegateway.bridge;

import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.voicegateway.bus.Addresses;
import java.util.List;

/**
 * What external consumers may do over either bridge, and nothing more: receive call events, trunk
 * registration events, voicemail events (in a cluster also the other nodes' call and voicemail events) and audio
 * feeds; send the documented call commands; play audio into a call
 * (the playback back channel, with its events); start, stop and list a call's named streams. Everything else is refused
 * ({@code access_denied}).
 */
public final class BridgePermissions {
  /** One call's audio feed: {@code vg.audio.<callId>}. */
  public static final String AUDIO_REGEX = "vg\\.audio\\.[^.]+";
  /** Where a playback's audio is sent (issue 12's back channel): {@code vg.media.playback.audio.<playbackId>}. */
  public static final String PLAYBACK_AUDIO_REGEX = "vg\\.media\\.playback\\.audio\\.[^.]+";

  /** Addresses a consumer may register on. */
  public static final List<PermittedOptions> OUTBOUND = List.of(
      new PermittedOptions().setAddress(Addresses.CALL_EVENTS),
      new PermittedOptions().setAddress(Addresses.TRUNK_REGISTRATION_EVENTS),
      new PermittedOptions().setAddressRegex(AUDIO_REGEX),
      new PermittedOptions().setAddress(Addresses.VOICEMAIL_EVENTS),
      new PermittedOptions().setAddress(Addresses.PLAYBACK_EVENTS),
      // cluster mode: the other nodes' call and voicemail events (docs/scale-out.md)
      new PermittedOptions().setAddress(Addresses.CLUSTER_CALL_EVENTS),
      new PermittedOptions().setAddress(Addresses.CLUSTER_VOICEMAIL_EVENTS));

  /** Addresses a consumer may send to. */
  public static final List<PermittedOptions> INBOUND = List.of(
      new PermittedOptions().setAddress(Addresses.COMMAND_HANGUP),
      new PermittedOptions().setAddress(Addresses.COMMAND_STREAM),
      new PermittedOptions().setAddress(Addresses.COMMAND_HOLD),
      new PermittedOptions().setAddress(Addresses.COMMAND_RESUME),
      new PermittedOptions().setAddress(Addresses.COMMAND_DTMF),
      new PermittedOptions().setAddress(Addresses.COMMAND_TRANSFER),
      new PermittedOptions().setAddress(Addresses.COMMAND_RECORDING),
      // a consumer plays audio into a call: open, audio, marks, clear, close (JSON bodies, base64 audio)
      new PermittedOptions().setAddress(Addresses.PLAYBACK_OPEN),
      new PermittedOptions().setAddressRegex(PLAYBACK_AUDIO_REGEX),
      new PermittedOptions().setAddress(Addresses.PLAYBACK_MARK),
      new PermittedOptions().setAddress(Addresses.PLAYBACK_CLEAR),
      new PermittedOptions().setAddress(Addresses.PLAYBACK_CLOSE),
      // named voice-AI streams on a call (JSON bodies as bus.StreamCommands): start, stop, list
      new PermittedOptions().setAddress(Addresses.STREAM_START),
      new PermittedOptions().setAddress(Addresses.STREAM_STOP),
      new PermittedOptions().setAddress(Addresses.STREAM_QUERY));

  private BridgePermissions() {}

  public static BridgeOptions tcp() {
    return new BridgeOptions().setInboundPermitteds(INBOUND).setOutboundPermitteds(OUTBOUND);
  }

  public static SockJSBridgeOptions sockJs() {
    SockJSBridgeOptions options = new SockJSBridgeOptions();
    options.setInboundPermitteds(INBOUND).setOutboundPermitteds(OUTBOUND);
    return options;
  }
}
