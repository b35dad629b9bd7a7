package io.voicegateway.config;

import java.time.Duration;
import java.util.Map;

/**
 * One IVR menu ({@code ivr.NAME}).
 *
 * @param greeting          played when the menu is entered and on every retry; a key cuts it short
 * @param options           key ({@code 0-9 * #}) → action
 * @param timeout           how long after the greeting the caller has to press a key (also for the first digit of
 *                          a collection)
 * @param maxRetries        invalid keys and timeouts in a row before {@code defaultAction}
 * @param invalid           played for a key with no option (or an unknown extension)
 * @param timeoutPrompt     played when nothing was pressed, before the greeting again; null for the greeting alone
 * @param unavailable       played when the phone or number an action rang did not answer
 * @param defaultAction     what happens after {@code maxRetries}
 * @param maxDigits         the most digits a collection ({@code extension}, {@code dial}) takes
 * @param terminator        the key that ends a collection early
 * @param interDigitTimeout how long a collection waits for the next digit before it takes what it has
 * @param ringTimeout       how long {@code ring} and {@code extension} ring before the caller is back in the menu
 */
public record IvrMenu(String name, Prompt greeting, Map<Character, IvrAction> options, Duration timeout,
    int maxRetries, Prompt invalid, Prompt timeoutPrompt, Prompt unavailable, IvrAction defaultAction, int maxDigits,
    char terminator, Duration interDigitTimeout, Duration ringTimeout) {
  public IvrMenu {
    options = Map.copyOf(options);
  }
}
