package io.voicegateway.it;

import io.voicegateway.Gateway;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a whole gateway in-process on free loopback ports, for interop tests. */
public final class GatewayFixture implements AutoCloseable {
  public static final int RTP_PORTS = 200;
  /** The {@code devices:} most interop tests use: alice (101, password wonderland) and bob (102, builder). */
  public static final String ALICE_AND_BOB = String.join("\n",
      "devices:",
      "  - id: alice",
      "    password: wonderland",
      "    extension: \"101\"",
      "  - id: bob",
      "    password: builder",
      "    extension: \"102\"");

  private final Gateway gateway;
  private final int sipPort;
  private final int rtpPortMin;
  private final int bridgePort;

  private GatewayFixture(Gateway gateway, int sipPort, int rtpPortMin, int bridgePort) {
    this.gateway = gateway;
    this.sipPort = sipPort;
    this.rtpPortMin = rtpPortMin;
    this.bridgePort = bridgePort;
  }

  /** @param mediaYaml extra lines for the {@code media:} section, each indented by two spaces */
  public static GatewayFixture start(String mediaYaml) throws Exception {
    return start(mediaYaml, "");
  }

  /**
   * @param mediaYaml    extra lines for the {@code media:} section, each indented by two spaces
   * @param sectionsYaml extra top-level sections (e.g. {@code devices:}), unindented; without a {@code history:}
   *                     section the call history goes to a fresh temporary directory; without a {@code limits:}
   *                     section sources are not limited (SIPp loads and torture runs come from one address)
   */
  public static GatewayFixture start(String mediaYaml, String sectionsYaml) throws Exception {
    int sipPort = FreePorts.udpAndTcp();
    int rtp = FreePorts.block(RTP_PORTS);
    int bridgePort = FreePorts.udpAndTcp();
    String yaml = String.join("\n",
        "media:",
        "  sip_port: " + sipPort,
        "  bind_address: 127.0.0.1",
        "  rtp_port_range: " + rtp + "-" + (rtp + RTP_PORTS - 1),
        mediaYaml,
        "http:",
        "  host: 127.0.0.1",
        "  port: " + FreePorts.udpAndTcp(),
        "  api_token: test-token",
        "bridge:",
        "  tcp_port: " + bridgePort,
        sectionsYaml,
        sectionsYaml.contains("history:") ? "" : "history:\n  data_dir: " + Files.createTempDirectory("vg-history"),
        sectionsYaml.contains("limits:") ? "" : "limits:\n  enabled: false", // load tests call from one address
        "");
    GatewayConfig config = ConfigLoader.parse(yaml, Map.of());
    return new GatewayFixture(Gateway.start(config).await(60, TimeUnit.SECONDS), sipPort, rtp, bridgePort);
  }

  public Gateway gateway() {
    return gateway;
  }

  public int sipPort() {
    return sipPort;
  }

  /** The first port of the gateway's RTP range ({@link #RTP_PORTS} ports). */
  public int rtpPortMin() {
    return rtpPortMin;
  }

  /** The TCP event-bus bridge's port (token {@code test-token}). */
  public int bridgePort() {
    return bridgePort;
  }

  /** {@code 127.0.0.1:port}, the target SIPp takes. */
  public String target() {
    return "127.0.0.1:" + sipPort;
  }

  /** {@code sip:user@127.0.0.1:port}. */
  public String uri(String user) {
    return "sip:" + user + "@127.0.0.1:" + sipPort;
  }

  /** The live bindings of a device (id or extension), as the REST API sees them: over the bus. */
  public List<DeviceQueries.Binding> contactsOf(String device) {
    return this.<DeviceQueries.Bindings>ask(Addresses.DEVICE_BINDINGS, new DeviceQueries.BindingsQuery(device))
        .bindings();
  }

  /** A request on the gateway's bus, answered within 5 s. */
  public <R> R ask(String address, Object body) {
    try {
      return gateway.vertx().eventBus().<R>request(address, body).await(5, TimeUnit.SECONDS).body();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(address + " did not answer", e);
    }
  }

  /**
   * A started baresip phone for {@code user}, registered before it is returned: bound from its own port,
   * so that a binding left by an earlier phone of the same user does not count.
   */
  public BaresipDevice phone(Path dir, String user, String password, String codec, Path wav, int rate,
      boolean autoAnswer) throws Exception {
    BaresipDevice phone = new BaresipDevice(dir.resolve(user), target(), user, password, codec, wav, rate,
        autoAnswer);
    phone.start();
    if (!GatewayUnderTest.eventually(15, () -> contactsOf(user).stream()
        .anyMatch(b -> b.sourcePort() == phone.sipPort()))) {
      phone.close();
      throw new AssertionError(user + " did not register; log:\n" + phone.logText());
    }
    return phone;
  }

  /** How many calls the SIP side holds now ({@code vg.sip.calls} asked for all). */
  public int activeCalls() {
    try {
      return gateway.vertx().eventBus().<io.voicegateway.bus.CallQueries.ActiveCalls>request(
          io.voicegateway.bus.Addresses.SIP_CALLS, io.voicegateway.bus.CallQueries.ActiveCallsQuery.all())
          .await(5, TimeUnit.SECONDS).body().calls().size();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("SIP context did not answer", e);
    }
  }

  /** No call left and every RTP port back in the pool (within 15 s each), or an assertion naming {@code after}. */
  public void assertAllPortsBack(String after) throws InterruptedException {
    var ports = gateway.media().ports();
    if (!GatewayUnderTest.eventually(15, () -> activeCalls() == 0)) {
      throw new AssertionError("a call is left " + after);
    }
    if (!GatewayUnderTest.eventually(15, () -> ports.available() == ports.capacity())) {
      throw new AssertionError("not every port back in the pool " + after + ": " + ports.available() + " of "
          + ports.capacity());
    }
  }

  @Override
  public void close() throws Exception {
    gateway.stop().await(30, TimeUnit.SECONDS);
  }
}
