package io.voicegateway.media;

import io.voicegateway.bus.MediaCommands.LegStart;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.MediaConfig;
import io.voicegateway.media.jitter.JitterSettings;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.rtp.PortPool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The media state every media verticle shares: the RTP port pool, legs by id, calls by id, and the mixer
 * partitions calls are spread over. Free of Vert.x so it is tested with plain JUnit; RTP, mixer and app
 * verticles (one per core each) hold the same instance. Thread-safe.
 */
public final class MediaEngine {
  private final MediaConfig config;
  private final LongSupplier clock;
  private final GatewayMetrics metrics;
  private final PortPool ports;
  private final JitterSettings jitter;
  private final Map<String, LegMedia> legs = new ConcurrentHashMap<>();
  private final Map<String, MediaCall> calls = new ConcurrentHashMap<>();
  private final Map<Integer, MixerPartition> partitions = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> servedPartitions = new ConcurrentHashMap<>();
  private final Map<Integer, Mixer> mixers = new ConcurrentHashMap<>();
  private final AtomicReference<MediaEvents> events = new AtomicReference<>(MediaEvents.NONE);
  private final Map<String, AudioFeed> feeds = new ConcurrentHashMap<>();

  /** One call in the engine: its mixer membership and partition. */
  private record MediaCall(MixerCall mix, MixerPartition partition) {}

  public MediaEngine(GatewayConfig config, GatewayMetrics metrics) {
    this(config, metrics, System::nanoTime);
  }

  /** @param clock the monotonic clock (nanoseconds) that stamps packet arrivals and drives timeouts */
  public MediaEngine(GatewayConfig config, GatewayMetrics metrics, LongSupplier clock) {
    this.clock = clock;
    this.config = config.media();
    this.metrics = metrics;
    this.ports = new PortPool(this.config.rtpPortMin(), this.config.rtpPortMax());
    this.jitter = JitterSettings.of(this.config);
  }

  /** Monotonic nanoseconds; a test clock in tests. */
  public long nanoTime() {
    return clock.getAsLong();
  }

  public MediaConfig config() {
    return config;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public PortPool ports() {
    return ports;
  }

  /** Where media events go. Returns false when another publisher is already set (first RTP verticle wins). */
  public boolean events(MediaEvents publisher) {
    return events.compareAndSet(MediaEvents.NONE, publisher);
  }

  /** Back to no publisher (its verticle stopped), unless another has taken over. */
  public void clearEvents(MediaEvents publisher) {
    events.compareAndSet(publisher, MediaEvents.NONE);
  }

  public MediaEvents events() {
    return events.get();
  }

  /** The partition a mixer serves; from then on new calls are spread over served partitions. */
  public MixerPartition servePartition(int index) {
    MixerPartition partition = partition(index);
    servedPartitions.put(index, Boolean.TRUE);
    return partition;
  }

  /** Makes the mixer of a partition (what {@code MixerVerticle} runs) and serves the partition. */
  public Mixer mixer(int index) {
    Mixer mixer = new Mixer(servePartition(index));
    mixers.put(index, mixer);
    return mixer;
  }

  public void stopServing(int index) {
    servedPartitions.remove(index);
    mixers.remove(index);
  }

  /** The running mixers by partition, for their tick counters (late ticks, skipped frames). */
  public Map<Integer, Mixer> mixers() {
    return Map.copyOf(mixers);
  }

  private MixerPartition partition(int index) {
    return partitions.computeIfAbsent(index, MixerPartition::new);
  }

  /** The least loaded partition served by a mixer (partition 0 until one is). */
  private MixerPartition pickPartition() {
    MixerPartition best = null;
    for (Integer index : servedPartitions.keySet()) {
      MixerPartition p = partition(index);
      if (best == null || p.size() < best.size()) {
        best = p;
      }
    }
    return best != null ? best : partition(0);
  }

  private MediaCall call(String callId) {
    return calls.computeIfAbsent(callId, id -> {
      MixerPartition partition = pickPartition();
      MixerCall mix = new MixerCall(id);
      partition.add(mix);
      return new MediaCall(mix, partition);
    });
  }

  /**
   * Registers a leg whose RTP port the caller has taken from {@link #ports()} and bound (port 0 for an
   * app leg). Throws IllegalStateException when the leg id is already in use.
   */
  public LegMedia openLeg(String callId, String legId, int rtpPort) {
    LegMedia leg = new LegMedia(callId, legId, rtpPort);
    if (legs.putIfAbsent(legId, leg) != null) {
      throw new IllegalStateException("leg " + legId + " already open");
    }
    AudioFeed feed = feeds.get(callId);
    if (feed != null) {
      leg.tap(feed.tapFor(legId));
    }
    synchronized (this) {
      call(callId).mix().add(leg);
    }
    return leg;
  }

  /**
   * Starts a call's audio feed: taps the call's legs now and every leg it opens later. False (and nothing
   * changes) when the call already has a feed. The feed outlives the call's legs until {@link #stopFeed}.
   */
  public boolean startFeed(AudioFeed feed) {
    if (feeds.putIfAbsent(feed.callId(), feed) != null) {
      return false;
    }
    for (LegMedia leg : legsOf(feed.callId())) {
      leg.tap(feed.tapFor(leg.legId()));
    }
    return true;
  }

  /** Stops a call's audio feed; false when it had none. */
  public boolean stopFeed(String callId) {
    AudioFeed feed = feeds.remove(callId);
    if (feed == null) {
      return false;
    }
    feed.stop();
    for (LegMedia leg : legsOf(callId)) {
      leg.tap(null);
    }
    return true;
  }

  /** Adds an app leg (echo, prompts, …) to a call's mix. */
  public void attach(String callId, MixerLeg app) {
    synchronized (this) {
      call(callId).mix().add(app);
    }
  }

  /** Builds the leg's pipeline for a (re)negotiation and swaps it in. Throws IllegalArgumentException. */
  public LegMedia startLeg(LegStart start) {
    LegMedia leg = legs.get(start.legId());
    if (leg == null) {
      throw new IllegalArgumentException("no open leg " + start.legId());
    }
    LegConfig legConfig = LegConfig.of(start);
    LegTransport transport = leg.transport();
    if (transport != null && start.remoteHost() != null && start.remotePort() > 0) {
      transport.remote(start.remoteHost(), start.remotePort());
    }
    MediaConfig.DtmfConfig dtmf = config.dtmf();
    String method = dtmf == null ? "rfc4733" : dtmf.method().configName();
    double sensitivity = dtmf == null ? 0.5 : dtmf.inbandSensitivity();
    leg.start(new LegPipeline(legConfig, config.opus(), jitter, method, sensitivity,
        (digit, durationMs, source) -> {
          metrics.dtmfEvent();
          events.get().dtmf(leg.callId(), leg.legId(), digit, durationMs);
        }));
    return leg;
  }

  /**
   * Moves an open leg, sockets and pipeline as they are, from its call's mix to {@code toCallId}'s (created
   * when new). The old call ends when no leg is left in it. Returns the leg, or null when it is not open.
   */
  public LegMedia moveLeg(String legId, String toCallId) {
    LegMedia leg = legs.get(legId);
    if (leg == null) {
      return null;
    }
    synchronized (this) {
      String from = leg.callId();
      if (from.equals(toCallId)) {
        return leg;
      }
      leg.callId(toCallId);
      MediaCall old = calls.get(from);
      if (old != null) {
        old.mix().remove(leg);
        if (legsOf(from).isEmpty()) {
          endCall(from, old);
        }
      }
      call(toCallId).mix().add(leg);
    }
    return leg;
  }

  /**
   * Closes a leg and gives its port back, whatever the ending. Returns the leg (already closed) or null
   * when it was not open. The call ends with its last SIP leg; app legs do not keep it alive.
   */
  public LegMedia closeLeg(String legId) {
    LegMedia leg = legs.remove(legId);
    if (leg == null) {
      return null;
    }
    leg.close();
    if (leg.rtpPort() > 0) {
      ports.release(leg.rtpPort());
    }
    synchronized (this) {
      MediaCall call = calls.get(leg.callId());
      if (call != null) {
        call.mix().remove(leg);
        if (legsOf(leg.callId()).isEmpty()) {
          endCall(leg.callId(), call);
        }
      }
    }
    return leg;
  }

  /** Closes every leg of a call (call terminated, media lost) and forgets the call. */
  public List<LegMedia> closeCall(String callId) {
    List<LegMedia> closed = new ArrayList<>();
    for (LegMedia leg : legsOf(callId)) {
      LegMedia c = closeLeg(leg.legId());
      if (c != null) {
        closed.add(c);
      }
    }
    synchronized (this) {
      MediaCall call = calls.get(callId);
      if (call != null) {
        endCall(callId, call);
      }
    }
    return closed;
  }

  private void endCall(String callId, MediaCall call) {
    if (calls.remove(callId, call)) {
      call.partition().remove(call.mix()); // call counts and durations are the SIP side's metrics
    }
  }

  public LegMedia leg(String legId) {
    return legs.get(legId);
  }

  public Collection<LegMedia> legs() {
    return legs.values();
  }

  public List<LegMedia> legsOf(String callId) {
    List<LegMedia> result = new ArrayList<>();
    for (LegMedia leg : legs.values()) {
      if (leg.callId().equals(callId)) {
        result.add(leg);
      }
    }
    return result;
  }

  public boolean hasCall(String callId) {
    return calls.containsKey(callId);
  }

  public int callCount() {
    return calls.size();
  }

  /** Per-leg counters for the API. */
  public List<LegStats> stats() {
    List<LegStats> result = new ArrayList<>();
    for (LegMedia leg : legs.values()) {
      result.add(leg.stats());
    }
    return result;
  }
}
