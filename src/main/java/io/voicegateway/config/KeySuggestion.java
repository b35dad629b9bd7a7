package io.voicegateway.config;

import java.util.Collection;
import java.util.Optional;

/** Finds the known key an unknown one was probably meant to be, so a typo gets a "did you mean". */
final class KeySuggestion {
  private KeySuggestion() {}

  /** The closest known key by edit distance, if it is close enough to be a plausible typo. */
  static Optional<String> closest(String unknown, Collection<String> known) {
    int limit = Math.max(2, unknown.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(unknown, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (bestDistance <= limit) {
      return Optional.ofNullable(best);
    }
    // a word of the key rather than a typo of it: token → api_token, pass → password
    return known.stream().filter(k -> unknown.length() >= 3 && (k.contains(unknown) || unknown.contains(k)))
        .findFirst();
  }

  /** Levenshtein distance, two rows. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
