package io.voicegateway.it.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baresip {@code config} file every audio peer shares: SIP on one loopback port, a WAV played in
 * ({@code aufile}), what was sent and heard dumped ({@code sndfile}), the four codecs, the menu; plus
 * whatever the peer adds (a control socket, say).
 */
final class BaresipConfig {
  private BaresipConfig() {}

  static void write(Path dir, int sipPort, Path source, int sampleRate, String... extra) throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "poll_method epoll",
        "sip_listen 127.0.0.1:" + sipPort,
        "audio_player aufile," + dir.resolve("played.wav"),
        "audio_source aufile," + source,
        "audio_alert aufile," + dir.resolve("alert.wav"),
        "ausrc_srate " + sampleRate,
        "auplay_srate " + sampleRate,
        // Opus is negotiated as opus/48000/2: keep the audio device side mono.
        "ausrc_channels 1",
        "auplay_channels 1",
        "rtp_ports 40000-49999",
        "module_path /usr/lib/baresip/modules",
        "module g711.so",
        "module g722.so",
        "module opus.so",
        "module aufile.so",
        "module sndfile.so",
        "module_tmp uuid.so",
        "module_tmp account.so",
        "module_app menu.so",
        "snd_path " + dir));
    lines.addAll(List.of(extra));
    lines.add("");
    Files.writeString(dir.resolve("config"), String.join("\n", lines));
  }
}
