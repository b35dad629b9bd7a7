package io.voicegateway.media;

import io.voicegateway.media.rtp.PortPool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The media state every media verticle shares: the RTP port pool, legs by id, calls by id with their legs,
 * and the mixer partitions calls are spread over. Plain Java, tested with plain JUnit; the transport package's
 * RTP, mixer and feed verticles (one per core each) and the apps hold the same instance. Thread-safe.
 *
 * <p>No engine-wide lock: a call's membership changes run inside {@link ConcurrentHashMap#compute} on that
 * call's entry, so two calls never wait for each other, and the legs of a call are its own set rather than a
 * scan of every leg. The mixer threads never touch these maps: they read their partition's copy-on-write
 * arrays.
 */
public final class MediaEngine {
  private final PipelineSettings settings;
  private final LongSupplier clock;
  private final PortPool ports;
  private final Map<String, LegMedia> legs = new ConcurrentHashMap<>();
  private final Map<String, MediaCall> calls = new ConcurrentHashMap<>();
  private final Map<Integer, MixerPartition> partitions = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> servedPartitions = new ConcurrentHashMap<>();
  private final Map<Integer, Mixer> mixers = new ConcurrentHashMap<>();
  private final AtomicReference<MediaEvents> events = new AtomicReference<>(MediaEvents.NONE);
  private final Map<String, AudioFeed> feeds = new ConcurrentHashMap<>();
  private final Map<String, CallRecorder> recorders = new ConcurrentHashMap<>();
  private final Map<String, LegFeedEntry> legFeeds = new ConcurrentHashMap<>();

  /**
   * A consumer's feed of one leg (issue 12), by its address: what the leg says (after the jitter buffer, or with
   * {@code arrival} its packets as they arrive) or what it hears.
   */
  private record LegFeedEntry(AudioFeed feed, String legId, boolean heard, ArrivalTap arrival) {}

  /**
   * One call in the engine: its mixer membership, partition and media legs (app legs are only in the mix), the legs
   * in the order they joined, so the first is the one that started the call.
   */
  private record MediaCall(MixerCall mix, MixerPartition partition, Set<LegMedia> legs) {}

  public MediaEngine(PortPool ports, PipelineSettings settings) {
    this(ports, settings, System::nanoTime);
  }

  /** @param clock the monotonic clock (nanoseconds) that stamps packet arrivals and drives timeouts */
  public MediaEngine(PortPool ports, PipelineSettings settings, LongSupplier clock) {
    this.ports = ports;
    this.settings = settings;
    this.clock = clock;
  }

  /** Monotonic nanoseconds; a test clock in tests. */
  public long nanoTime() {
    return clock.getAsLong();
  }

  public PipelineSettings settings() {
    return settings;
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

  /** Makes the mixer of a partition (what the mixer verticle runs) and serves the partition. */
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

  /** Inside {@code calls.compute}: the call as it is, or a new one placed in the least loaded partition. */
  private MediaCall orNew(String callId, MediaCall existing) {
    if (existing != null) {
      return existing;
    }
    MixerPartition partition = pickPartition();
    MixerCall mix = new MixerCall(callId);
    mix.fax(new FaxPassThrough(events::get));
    partition.add(mix);
    return new MediaCall(mix, partition, new CopyOnWriteArraySet<>());
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
    CallRecorder recorder = recorders.get(callId);
    if (recorder != null) {
      leg.recordTap(recorder.tapFor(legId));
    }
    join(callId, leg);
    return leg;
  }

  private void join(String callId, LegMedia leg) {
    calls.compute(callId, (id, existing) -> {
      MediaCall call = orNew(id, existing);
      call.legs().add(leg);
      call.mix().add(leg);
      return call;
    });
  }

  /** Takes the leg out of its call; the call ends when no media leg is left in it (app legs do not count). */
  private void leave(String callId, LegMedia leg) {
    calls.computeIfPresent(callId, (id, call) -> {
      call.legs().remove(leg);
      call.mix().remove(leg);
      if (call.legs().isEmpty()) {
        call.partition().remove(call.mix()); // call counts and durations are the signalling side's metrics
        return null;
      }
      return call;
    });
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

  /**
   * Starts one consumer's feed of one leg, known by {@code address}: the leg's incoming audio, or with
   * {@code heard} the mix the leg is sent. False (nothing changes) when a feed already runs on that address or
   * that leg already feeds that track to a consumer. Throws IllegalArgumentException when the leg is not open.
   */
  public boolean startLegFeed(String address, AudioFeed feed, String legId, boolean heard) {
    LegMedia leg = legs.get(legId);
    if (leg == null) {
      throw new IllegalArgumentException("no open leg " + legId);
    }
    synchronized (leg) {
      if ((heard ? leg.heardTap() : leg.streamTap()) != null
          || legFeeds.putIfAbsent(address, new LegFeedEntry(feed, legId, heard, null)) != null) {
        return false;
      }
      if (heard) {
        leg.heardTap(feed.heardTapFor(legId));
      } else {
        leg.streamTap(feed.tapFor(legId));
      }
    }
    return true;
  }

  /**
   * Starts one consumer's feed of a leg's packets as they arrive ({@link ArrivalTap}); a leg may have several, one per
   * address. False (nothing changes) when a feed already runs on that address. Throws IllegalArgumentException when
   * the leg is not open.
   *
   * @param mulaw μ-law bodies at 8 kHz (a PCMU leg's payload untouched); else PCM16 at the feed's rate
   */
  public boolean startArrivalFeed(String address, AudioFeed feed, String legId, boolean mulaw) {
    return startArrivalFeed(address, feed, legId, mulaw, ArrivalDrops.NONE);
  }

  /** The same, telling {@code drops} of each late or duplicate packet the feed drops. */
  public boolean startArrivalFeed(String address, AudioFeed feed, String legId, boolean mulaw, ArrivalDrops drops) {
    LegMedia leg = legs.get(legId);
    if (leg == null) {
      throw new IllegalArgumentException("no open leg " + legId);
    }
    ArrivalTap tap = feed.arrivalTapFor(legId, mulaw, drops);
    synchronized (leg) {
      if (legs.get(legId) != leg || legFeeds.putIfAbsent(address, new LegFeedEntry(feed, legId, false, tap)) != null) {
        return false;
      }
      leg.addArrivalTap(tap);
    }
    return true;
  }

  /** The first media leg the call opened (its caller's, for a call that came in), or null when it has none. */
  public String firstLeg(String callId) {
    MediaCall call = calls.get(callId);
    if (call == null) {
      return null;
    }
    for (LegMedia leg : call.legs()) {
      return leg.legId();
    }
    return null;
  }

  /** Stops the one-leg feed on {@code address}; false when none runs there. */
  public boolean stopLegFeed(String address) {
    LegFeedEntry entry = legFeeds.remove(address);
    if (entry == null) {
      return false;
    }
    entry.feed().stop();
    LegMedia leg = legs.get(entry.legId());
    if (leg != null) {
      synchronized (leg) {
        if (entry.arrival() != null) {
          leg.removeArrivalTap(entry.arrival());
        } else if (entry.heard()) {
          leg.heardTap(null);
        } else {
          leg.streamTap(null);
        }
      }
    }
    return true;
  }

  /**
   * Starts recording a live call: the recorder joins the call's mix and taps its media legs now and those it gains
   * later. False (nothing changes) when the call has no media or already has a recorder. The recorder outlives the
   * call's legs until {@link #stopRecording}, so its writer can drain the last frames.
   */
  public boolean startRecording(CallRecorder recorder) {
    String callId = recorder.callId();
    if (!hasCall(callId) || recorders.putIfAbsent(callId, recorder) != null) {
      return false;
    }
    for (LegMedia leg : legsOf(callId)) {
      leg.recordTap(recorder.tapFor(leg.legId()));
    }
    calls.computeIfPresent(callId, (id, call) -> {
      call.mix().add(recorder);
      return call;
    });
    return true;
  }

  /** The call's recorder, or null. */
  public CallRecorder recorder(String callId) {
    return recorders.get(callId);
  }

  /** Ends a call's recording: no frame is made after this. Returns the recorder (to drain), or null when none. */
  public CallRecorder stopRecording(String callId) {
    CallRecorder recorder = recorders.remove(callId);
    if (recorder == null) {
      return null;
    }
    recorder.close();
    for (LegMedia leg : legsOf(callId)) {
      leg.recordTap(null);
    }
    calls.computeIfPresent(callId, (id, call) -> {
      call.mix().remove(recorder);
      return call;
    });
    return recorder;
  }

  /** Adds an app leg (echo, prompts, …) to a call's mix. */
  public void attach(String callId, MixerLeg app) {
    calls.compute(callId, (id, existing) -> {
      MediaCall call = orNew(id, existing);
      call.mix().add(app);
      return call;
    });
  }

  /**
   * Adds an app leg to the mix of a call that has media now; false (nothing changes) when it has none, so a leg
   * that outlives its call (a consumer's playback opened as the call ends) never keeps an empty call alive.
   */
  public boolean attachToLiveCall(String callId, MixerLeg app) {
    boolean[] attached = {false};
    calls.computeIfPresent(callId, (id, call) -> {
      call.mix().add(app);
      attached[0] = true;
      return call;
    });
    return attached[0];
  }

  /** Takes an app leg out of a call's mix (from the next frame); the call's media legs go on. */
  public void detach(String callId, MixerLeg app) {
    calls.computeIfPresent(callId, (id, call) -> {
      call.mix().remove(app);
      return call;
    });
  }

  /**
   * Builds the leg's pipeline for a (re)negotiation and swaps it in; tells its transport where the remote
   * sends from when {@code remoteHost} is known. Throws IllegalArgumentException when the leg is not open.
   */
  public LegMedia startLeg(String legId, LegConfig config, String remoteHost, int remotePort) {
    LegMedia leg = legs.get(legId);
    if (leg == null) {
      throw new IllegalArgumentException("no open leg " + legId);
    }
    LegTransport transport = leg.transport();
    if (transport != null && remoteHost != null && remotePort > 0) {
      transport.remote(remoteHost, remotePort);
    }
    leg.start(new LegPipeline(config, settings,
        (digit, durationMs, source) -> events.get().dtmf(leg.callId(), leg.legId(), digit, durationMs)));
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
    synchronized (leg) { // one move or close of this leg at a time; other legs and calls go on
      if (legs.get(legId) != leg) {
        return null; // closed meanwhile
      }
      String from = leg.callId();
      if (!from.equals(toCallId)) {
        leave(from, leg);
        leg.callId(toCallId);
        CallRecorder recorder = recorders.get(toCallId); // the old call's recorder runs on another mixer thread
        leg.recordTap(recorder == null ? null : recorder.tapFor(legId));
        join(toCallId, leg);
      }
    }
    return leg;
  }

  /**
   * Closes a leg and gives its port back, whatever the ending. Returns the leg (already closed) or null
   * when it was not open. The call ends with its last media leg; app legs do not keep it alive.
   */
  public LegMedia closeLeg(String legId) {
    LegMedia leg = legs.remove(legId);
    if (leg == null) {
      return null;
    }
    leg.close();
    legFeeds.values().removeIf(entry -> entry.legId().equals(legId)); // nothing more to feed: the leg is gone
    if (leg.rtpPort() > 0) {
      ports.release(leg.rtpPort());
    }
    synchronized (leg) {
      leave(leg.callId(), leg);
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
    MediaCall call = calls.remove(callId); // what is left: a call of app legs only
    if (call != null) {
      call.partition().remove(call.mix());
    }
    return closed;
  }

  public LegMedia leg(String legId) {
    return legs.get(legId);
  }

  public Collection<LegMedia> legs() {
    return legs.values();
  }

  /** The media legs of a call (a copy); empty when the call is unknown. */
  public List<LegMedia> legsOf(String callId) {
    MediaCall call = calls.get(callId);
    return call == null ? List.of() : List.copyOf(call.legs());
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
