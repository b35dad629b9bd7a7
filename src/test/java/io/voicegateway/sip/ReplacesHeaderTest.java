package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplacesHeaderTest {

  @Test
  void readsTheDialogAndTheEarlyOnlyFlag() {
    ReplacesHeader r = ReplacesHeader.parse("98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only")
        .orElseThrow();
    assertEquals(new ReplacesHeader("98732@sip.example.com", "ff87ff", "r33th4x0r", true), r);
    assertFalse(ReplacesHeader.parse("a@b;to-tag=1;from-tag=2").orElseThrow().earlyOnly());
    assertEquals("x", ReplacesHeader.parse(" x ; TO-TAG = 1 ;From-Tag=2;other=3").orElseThrow().callId());
  }

  @Test
  void bothTagsAreRequired() {
    assertEquals(Optional.empty(), ReplacesHeader.parse("a@b;to-tag=1"));
    assertEquals(Optional.empty(), ReplacesHeader.parse("a@b;from-tag=2"));
    assertEquals(Optional.empty(), ReplacesHeader.parse("a@b;to-tag=;from-tag=2"));
    assertEquals(Optional.empty(), ReplacesHeader.parse(";to-tag=1;from-tag=2"));
    assertEquals(Optional.empty(), ReplacesHeader.parse(null));
  }

  @Test
  void theEscapedFormOfAReferToUriIsUnescaped() {
    String uri = "<sip:carol@127.0.0.1:5070?Replaces=12%2B3%40host%3Bto-tag%3Dabc%3Bfrom-tag%3Ddef&Require=replaces>";
    String escaped = ReplacesHeader.fromUriHeaders(uri).orElseThrow();
    ReplacesHeader r = ReplacesHeader.parseEscaped(escaped).orElseThrow();
    assertEquals("12+3@host", r.callId(), "'+' is a plain character in a URI, not a space");
    assertEquals("abc", r.toTag());
    assertEquals("def", r.fromTag());
  }

  @Test
  void aUriWithoutReplacesOrWithABadEscapeGivesNothing() {
    assertEquals(Optional.empty(), ReplacesHeader.fromUriHeaders("sip:carol@host"));
    assertEquals(Optional.empty(), ReplacesHeader.fromUriHeaders("sip:carol@host?Subject=hi"));
    assertEquals(Optional.empty(), ReplacesHeader.parseEscaped("abc%4"));
    assertEquals(Optional.empty(), ReplacesHeader.parseEscaped("abc%zz%3Bto-tag%3D1%3Bfrom-tag%3D2"));
  }

  @Test
  void namesTheDialogByOurTagAsToTagAndThePeersAsFromTag() {
    ReplacesHeader r = new ReplacesHeader("id", "ours", "theirs", false);
    assertTrue(r.names("id", "ours", "theirs"));
    assertFalse(r.names("id", "theirs", "ours"), "tags are seen from the receiver of the Replaces");
    assertFalse(r.names("other", "ours", "theirs"));
    assertFalse(r.names("id", "ours", null));
  }
}
