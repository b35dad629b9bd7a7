package io.voicegateway.bench.stream;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The streaming load, measured from outside with one clock: this process is the SIP caller of every call (with its
 * own RTP), and the WebSocket consumer the gateway streams those calls to. Markers go into the RTP and come out in
 * the WebSocket {@code media}, and go into the WebSocket {@code media} and come out in the RTP; the time between is
 * the gateway's latency each way (plus loopback and this process's own scheduling). With {@code service=echo} the
 * same calls go to the echo app instead: no stream, the mixer's baseline, RTP markers timed back in RTP.
 *
 * <p>usage: {@code StreamLoad calls=N seconds=S service=bot|echo gateway=127.0.0.1:45060 ws=48090 metrics=URL
 * pid=GATEWAY_PID [rate=10] [sip=45070] [rtp=52000]}; {@code bench/stream/stream-load.sh} runs it.
 */
public final class StreamLoad {
  private StreamLoad() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      args.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    int calls = Integer.parseInt(args.getOrDefault("calls", "100"));
    int seconds = Integer.parseInt(args.getOrDefault("seconds", "60"));
    int rate = Integer.parseInt(args.getOrDefault("rate", "10"));
    String service = args.getOrDefault("service", "bot");
    boolean echo = service.equals("echo");
    String[] gw = args.getOrDefault("gateway", "127.0.0.1:45060").split(":");
    int rtpBase = Integer.parseInt(args.getOrDefault("rtp", "52000"));
    Metrics metrics = new Metrics(args.get("metrics"), args.get("pid"));

    Tally tally = new Tally();
    Map<Integer, Call> byIndex = new ConcurrentHashMap<>();
    WsConsumer consumer = new WsConsumer(byIndex, tally, calls);
    if (!echo) {
      consumer.listen(Integer.parseInt(args.getOrDefault("ws", "48090")));
    }
    SipCaller sip = new SipCaller(Integer.parseInt(args.getOrDefault("sip", "45070")),
        new InetSocketAddress(gw[0], Integer.parseInt(gw[1])));
    RtpPeer rtp = new RtpPeer(tally, echo);

    List<Call> up = new ArrayList<>();
    List<ScheduledFuture<?>> senders = new ArrayList<>();
    int failed = 0;
    long rampStep = TimeUnit.SECONDS.toNanos(1) / rate;
    long rampStart = System.nanoTime();
    List<Call> dialing = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      Call call = RtpPeer.open(i, rtpBase + 2 * i);
      byIndex.put(i, call);
      dialing.add(call);
      sip.invite(call, service);
      long next = rampStart + (i + 1) * rampStep;
      // Start the media of every call answered so far, then wait for the next call's turn.
      failed += startAnswered(dialing, up, senders, rtp, 0);
      TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
    }
    failed += startAnswered(dialing, up, senders, rtp, 10);
    System.out.printf("%s: %d of %d calls up (%d failed) after %.1f s%n", service, up.size(), calls, failed,
        (System.nanoTime() - rampStart) / 1e9);

    TimeUnit.SECONDS.sleep(2);   // every stream connected and its first markers through
    Map<String, Double> m0 = metrics.scrape();
    long cpu0 = metrics.cpuTicks();
    long ownCpu0 = ownCpuNanos();
    long t0 = System.nanoTime();
    tally.openWindow(t0);
    TimeUnit.SECONDS.sleep(seconds);
    long t1 = System.nanoTime();
    tally.closeWindow(t1);
    long cpu1 = metrics.cpuTicks();
    long ownCpu1 = ownCpuNanos();
    Map<String, Double> m1 = metrics.scrape();
    TimeUnit.MILLISECONDS.sleep(600);   // the window's last markers come back

    senders.forEach(s -> s.cancel(false));
    consumer.stopMarkers();
    TimeUnit.MILLISECONDS.sleep(100);   // what the consumer sent last is played before the BYE
    for (Call call : up) {
      sip.bye(call);
    }
    int byeOk = 0;
    for (Call call : up) {
      try {
        call.ended.get(5, TimeUnit.SECONDS);
        byeOk++;
      } catch (Exception e) {
        // counted below
      }
    }
    TimeUnit.SECONDS.sleep(2);   // the streams' stop and the counters settle
    Map<String, Double> end = metrics.scrape();
    long hungUp = up.stream().filter(c -> c.hungUpByGateway).count();

    double window = (t1 - t0) / 1e9;
    double cpu = (cpu1 - cpu0) / 100.0 / window * 100;   // USER_HZ is 100 on Linux
    System.out.printf("calls up / failed / hung up by the gateway  %d / %d / %d (BYE answered: %d)%n",
        up.size(), failed, hungUp, byeOk);
    System.out.printf("window                                      %.1f s, CPU of one core: gateway %.1f %%, harness"
        + " %.1f %%, load average %.1f%n", window, cpu, (ownCpu1 - ownCpu0) / 1e9 / window * 100,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (echo) {
      System.out.printf("latency RTP in -> RTP out (echo)            %s  (markers sent %d)%n", tally.inbound.summary(),
          tally.inboundMarkersSent.sum());
    } else {
      System.out.printf("latency RTP in -> WS media (inbound)        %s  (markers sent %d)%n",
          tally.inbound.summary(), tally.inboundMarkersSent.sum());
      System.out.printf("latency WS media -> RTP out (outbound)      %s  (markers sent %d)%n",
          tally.outbound.summary(), tally.outboundMarkersSent.sum());
    }
    System.out.printf("bursts unmatched / repeated (one marker cut in two)  %d / %d%n", tally.unmatchedOnsets.sum(),
        tally.repeatedOnsets.sum());
    System.out.printf("mixer ticks / late / skipped (window)       %.0f / %.0f / %.0f%n",
        delta(m0, m1, "vg_mixer_ticks_total"), delta(m0, m1, "vg_mixer_late_ticks_total"),
        delta(m0, m1, "vg_mixer_frames_skipped_total"));
    System.out.printf("RTP sent by harness / received by gateway / lost  %d / %.0f / %.0f%n", tally.rtpSent.sum(),
        end.getOrDefault("vg_media_rtp_packets_received_total", -1.0),
        end.getOrDefault("vg_media_rtp_packets_lost_total", -1.0));
    System.out.printf("RTP received by harness (non-PCMU)          %d (%d)%n", tally.rtpReceived.sum(),
        tally.rtpOtherPayload.sum());
    if (!echo) {
      double sent = end.getOrDefault("vg_media_stream_frames_sent_total", -1.0);
      double dropped = end.getOrDefault("vg_media_stream_frames_dropped_total", -1.0);
      System.out.printf("WS connected (gateway) / start seen         %.0f / %d, stops %d, failed %.0f%n",
          end.getOrDefault("vg_media_stream_connected_total", -1.0), tally.wsConnected.sum(), tally.wsStops.sum(),
          end.getOrDefault("vg_media_stream_failed_total", -1.0));
      System.out.printf("WS media: gateway sent / dropped / harness got / chunk gaps  %.0f / %.0f / %d / %d"
          + " (unaccounted %.0f)%n", sent, dropped, tally.wsMediaReceived.sum(), tally.wsChunkGaps.sum(),
          sent - dropped - tally.wsMediaReceived.sum());
      System.out.printf("WS media: harness sent / gateway received   %d / %.0f%n", tally.wsMediaSent.sum(),
          end.getOrDefault("vg_media_stream_frames_received_total", -1.0));
      System.out.printf("gateway's own latency histogram (capture->write) count %.0f, mean %.1f ms%n",
          end.getOrDefault("vg_media_stream_latency_ms_count", 0.0),
          end.getOrDefault("vg_media_stream_latency_ms_sum", 0.0)
              / Math.max(1, end.getOrDefault("vg_media_stream_latency_ms_count", 0.0)));
    }
    rtp.close();
    sip.close();
    consumer.close();
    System.exit(0);
  }

  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Moves answered calls from {@code dialing} to {@code up} and starts their RTP; returns how many failed. */
  private static int startAnswered(List<Call> dialing, List<Call> up, List<ScheduledFuture<?>> senders, RtpPeer rtp,
      int waitSeconds) {
    int failed = 0;
    for (var it = dialing.iterator(); it.hasNext(); ) {
      Call call = it.next();
      try {
        call.answered.get(waitSeconds == 0 ? 0 : waitSeconds, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (waitSeconds == 0) {
          continue;
        }
        System.err.println("call " + call.index + ": no answer");
        failed++;
        it.remove();
        continue;
      } catch (Exception e) {
        System.err.println("call " + call.index + ": " + e.getCause());
        failed++;
        it.remove();
        continue;
      }
      it.remove();
      if (call.gatewayRtp == null) {
        System.err.println("call " + call.index + ": no SDP in the 200");
        failed++;
        continue;
      }
      up.add(call);
      senders.add(rtp.start(call));
    }
    return failed;
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
    return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
  }

  /** The gateway's /metrics (summed over labels) and its CPU time from /proc. */
  private record Metrics(String url, String pid) {
    Map<String, Double> scrape() throws Exception {
      Map<String, Double> out = new HashMap<>();
      if (url == null) {
        return out;
      }
      String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (String line : text.split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int space = line.lastIndexOf(' ');
        int brace = line.indexOf('{');
        String name = brace > 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
        try {
          out.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
        } catch (NumberFormatException e) {
          // NaN and friends: not a counter we read
        }
      }
      return out;
    }

    long cpuTicks() throws Exception {
      if (pid == null) {
        return 0;
      }
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
  }
}
