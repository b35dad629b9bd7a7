package io.voicegateway.it.peers;

import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real baresip registering one account to a registrar and staying up (no call), for registrar tests.
 * Its SIP socket is {@code 127.0.0.1:}{@link #sipPort()}, so its Contact and source are known.
 */
public final class BaresipPhone implements AutoCloseable {
  private final Path dir;
  private final int sipPort;
  private Process process;

  /**
   * @param registrar {@code host:port} of the registrar
   * @param user      the AOR user and digest username
   */
  public BaresipPhone(Path dir, String registrar, String user, String password) throws IOException {
    Tools.require("baresip");
    this.dir = Files.createDirectories(dir);
    this.sipPort = FreePorts.block(2); // baresip binds SIP on the port and TLS on port + 1
    Files.writeString(dir.resolve("config"), String.join("\n",
        "poll_method epoll",
        "sip_listen 127.0.0.1:" + sipPort,
        "module_path /usr/lib/baresip/modules",
        "module g711.so",
        "module_tmp uuid.so",
        "module_tmp account.so",
        "module_app menu.so",
        ""));
    // baresip 1.0 account syntax: <sip:user@domain>;addr-params; regint is the REGISTER interval in seconds.
    Files.writeString(dir.resolve("accounts"),
        "<sip:" + user + "@" + registrar + ">;auth_pass=" + password + ";regint=60\n");
  }

  public int sipPort() {
    return sipPort;
  }

  public void start() throws IOException {
    process = new ProcessBuilder("baresip", "-f", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(log().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  public Path log() {
    return dir.resolve("baresip.log");
  }

  public String logText() throws IOException {
    return Files.exists(log()) ? Files.readString(log()) : "";
  }

  /** SIGTERM, on which baresip un-REGISTERs before quitting; killed if it lingers. */
  @Override
  public void close() throws Exception {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
