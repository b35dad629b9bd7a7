package io.voicegateway.bench.impair;

import io.voicegateway.it.GatewayFixture;
import io.voicegateway.it.support.ImpairedEchoCall;
import io.voicegateway.it.support.Impairment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Issue 14's impairment probe: the echo call through the impairment proxy at each level, one after another
 * against one in-process gateway with its default media settings (60 ms adaptive jitter buffer up to 200 ms,
 * concealment on), printing the echo correlation of each as a Markdown table row.
 */
public final class ImpairedEchoBench {
  static final List<Impairment> LEVELS = List.of(
      Impairment.NONE,
      new Impairment(0.05, 0, 0, 0),
      new Impairment(0.10, 0, 0, 0),
      new Impairment(0.20, 0, 0, 0),
      new Impairment(0, 40, 0, 0),
      new Impairment(0, 100, 0, 0),
      new Impairment(0, 0, 0.10, 0.10),
      new Impairment(0.05, 40, 0.02, 0.02),
      new Impairment(0.10, 100, 0.05, 0.05),
      new Impairment(0.20, 100, 0.05, 0.05));

  private ImpairedEchoBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("impair");
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 14;
    System.out.println("| loss | jitter | reordered | duplicated | caller RTP in / dropped / duplicated "
        + "| echo correlation (median of 0.5 s windows) | windows | max lag |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    try (GatewayFixture gw = GatewayFixture.start("")) {
      int i = 0;
      for (Impairment level : LEVELS) {
        ImpairedEchoCall.Result r = ImpairedEchoCall.run(gw.sipPort(), dir.resolve("call-" + i++), level, seed);
        System.out.printf("| %.0f %% | 0-%d ms | %.0f %% | %.0f %% | %d / %d / %d | %.3f | %d | %.0f ms |%n",
            level.loss() * 100, level.jitterMs(), level.reorder() * 100, level.duplicate() * 100, r.packetsIn(),
            r.dropped(), r.duplicated(), r.match().medianCorrelation(), r.match().windows().size(),
            r.match().maxLagMs());
        if (r.relays() != 1) {
          System.out.println("  (the caller's RTP did not go through the proxy: " + r.relays() + " relays)");
        }
      }
    }
    System.exit(0); // the gateway's non-daemon threads
  }
}
