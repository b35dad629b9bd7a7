package io.voicegateway.sip.registrar;

/**
 * What the OPTIONS qualify knows of one binding.
 *
 * @param reachable     false after {@code missed} reached the qualifier's limit; true while unknown
 * @param rttMs         round-trip time of the last answered OPTIONS, -1 before any answer
 * @param missed        OPTIONS in a row that got no answer
 * @param lastAnswerMs  wall-clock time of the last answer, 0 before any
 * @param lastCheckMs   wall-clock time the last OPTIONS was answered or given up on, 0 before any
 */
public record QualifyStatus(boolean reachable, long rttMs, int missed, long lastAnswerMs, long lastCheckMs) {

  /** A binding not qualified yet: reachable until shown otherwise (a fresh REGISTER just reached us). */
  public static final QualifyStatus UNKNOWN = new QualifyStatus(true, -1, 0, 0, 0);
}
