package io.voicegateway.bus;

import java.util.List;

/**
 * Voicemail on the bus: the REST API's questions to the voicemail app (see the {@code VOICEMAIL_*} addresses in
 * {@link Addresses}) and the {@link Received} event. Failure codes are HTTP statuses: 404 for an unknown box or
 * message, 500 when the store fails.
 */
public final class VoicemailMessages {
  private VoicemailMessages() {}

  /**
   * One stored message.
   *
   * @param id          unique in the gateway; also the WAV file's name
   * @param caller      the caller's From URI as received (display only), or null
   * @param callId      the gateway call that left it
   * @param receivedAt  when recording started, epoch ms
   * @param durationMs  the recording's length
   * @param heard       false until an owner listened to it or it was marked heard
   */
  public record Message(String id, String box, String caller, String callId, long receivedAt, long durationMs,
      boolean heard) {}

  /** A box with its counts. */
  public record BoxSummary(String box, int newMessages, int totalMessages) {}

  public record BoxesQuery() {}

  /** Every configured box, in configuration order. */
  public record Boxes(List<BoxSummary> boxes) {
    public Boxes {
      boxes = List.copyOf(boxes);
    }
  }

  public record MessagesQuery(String box) {}

  /** A box's messages, newest first. */
  public record Messages(String box, List<Message> messages) {
    public Messages {
      messages = List.copyOf(messages);
    }
  }

  /** One message of one box: what audio, delete and heard requests name. */
  public record MessageRef(String box, String id) {}

  /**
   * Published on {@link Addresses#VOICEMAIL_EVENTS} when a message was stored (not for one dropped as too short).
   *
   * @param type always {@link CallEventType#VOICEMAIL_RECEIVED}, so consumers of several feeds can tell it apart
   */
  public record Received(CallEventType type, String box, String messageId, String caller, String callId,
      long durationMs, long timestampMs) {
    public static Received of(Message m) {
      return new Received(CallEventType.VOICEMAIL_RECEIVED, m.box(), m.id(), m.caller(), m.callId(), m.durationMs(),
          m.receivedAt() + m.durationMs());
    }
  }
}
