package io.voicegateway.config;

import java.time.Duration;
import java.util.List;

/**
 * One voicemail box ({@code voicemail.boxes.NAME}).
 *
 * @param name           the box's name: what {@code voicemail: NAME} routes and the REST API use
 * @param greeting       what a caller hears before the beep
 * @param owners         device ids whose phones hear the box on the access number
 * @param maxLength      a message is cut at this length
 * @param pin            digits an owner keys in before listening, or null for none
 * @param silenceTimeout a message ends after this much silence
 */
public record VoicemailBox(String name, Prompt greeting, List<String> owners, Duration maxLength, String pin,
    Duration silenceTimeout) {
  public static final Prompt DEFAULT_GREETING =
      Prompt.text("The person you called is not available. Please leave a message after the tone.");
  public static final Duration DEFAULT_MAX_LENGTH = Duration.ofSeconds(120);
  public static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofSeconds(5);

  public VoicemailBox {
    owners = List.copyOf(owners);
  }
}
