package io.voicegateway.sip.registrar;

/**
 * A device allowed to register here (desk phone, ATA, softphone).
 *
 * @param id        the name routes use ({@code ring: [alice]})
 * @param username  the digest username and the user part of its address of record
 * @param extension the number other devices dial; null when it has none
 */
public record Device(String id, String username, String password, String extension) {}
