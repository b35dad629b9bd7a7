package io.voicegateway.media;

import io.voicegateway.media.codec.Codecs;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.dtmf.DtmfListener;
import io.voicegateway.media.dtmf.GoertzelDetector;
import io.voicegateway.media.dtmf.Rfc4733Receiver;

/**
 * Everything a leg's negotiated media needs, built whole from one {@link LegConfig}: the codec pair, the
 * receive and send paths, the RFC 4733 receiver. A renegotiation builds a new pipeline and the leg swaps it
 * in with one volatile write, so neither the RTP thread nor the mixer ever sees a half-changed leg.
 */
public final class LegPipeline {
  private final LegConfig config;
  private final ReceivePath receive;
  private final SendPath send;
  private final Rfc4733Receiver dtmfIn; // null when telephone-event was not negotiated
  // Set once RFC 4733 events arrive: with dtmf.method "both" a phone that sends events may also leave the
  // tones in its audio, and each press must be reported once; from then on the in-band detector stops.
  private volatile boolean eventsSeen;

  /** @param dtmf where detected digits go (RTP thread for RFC 4733, mixer thread for in-band) */
  public LegPipeline(LegConfig config, PipelineSettings settings, DtmfListener dtmf) {
    this.config = config;
    CodecType codec = config.codec();
    boolean inband = settings.dtmfInband();
    boolean rfc4733 = settings.dtmfEvents() && config.dtmfPayloadType() >= 0;
    DtmfListener inbandUnlessEvents = (digit, ms, source) -> {
      if (!eventsSeen) {
        dtmf.onDigit(digit, ms, source);
      }
    };
    // dtmf.method both: the in-band detector runs only until the leg's first RFC 4733 event. Offering
    // telephone-event is no proof a phone sends it (baresip offers it and sends tones), so negotiation alone
    // does not turn the detector off; an event that arrives does. inband: always; rfc4733: never.
    DtmfListener events = (digit, ms, source) -> {
      if (!eventsSeen) {
        eventsSeen = true;
        receive().stopInband();
      }
      dtmf.onDigit(digit, ms, source);
    };
    GoertzelDetector detector = inband ? new GoertzelDetector(codec.sampleRate(), settings.dtmfSensitivity(),
        inbandUnlessEvents)
        : null;
    this.receive = new ReceivePath(Codecs.decoder(codec, settings.opus()), codec.rtpClockRate(),
        settings.jitter(), detector);
    this.send = new SendPath(codec, Codecs.encoder(codec, settings.opus()), config.payloadType(),
        config.dtmfPayloadType(), config.ptimeMs());
    this.dtmfIn = rfc4733 ? new Rfc4733Receiver(codec.rtpClockRate(), events) : null;
  }

  /** The rate of the audio this pipeline gives and takes: its codec's (8, 16 or 48 kHz). */
  public int sampleRate() {
    return receive.sampleRate();
  }

  /** Whether the in-band DTMF detector still runs on this leg (until the first RFC 4733 event with "both"). */
  public boolean inbandDtmfRunning() {
    return receive.inbandRunning();
  }

  public LegConfig config() {
    return config;
  }

  ReceivePath receive() {
    return receive;
  }

  SendPath send() {
    return send;
  }

  Rfc4733Receiver dtmfIn() {
    return dtmfIn;
  }

  @Override
  public String toString() {
    return "Jitter -> " + config.codec().encodingName() + " -> " + sampleRate() / 1000 + "k -> Mixer -> "
        + config.codec().encodingName()
        + "/" + config.ptimeMs() + "ms -> RTP" + (config.onHold() ? " (hold)" : "");
  }
}
