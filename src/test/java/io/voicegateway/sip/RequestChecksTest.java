package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sip.message.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RequestChecks on hand-written requests, one rule per case. */
class RequestChecksTest {

  private static final String SDP = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
      + "m=audio 5004 RTP/AVP 0\r\n";

  /**
   * A request with the usual headers; {@code extra} lines go after them (use "|" between lines) and
   * {@code contentType} with the SDP body unless it is "-".
   */
  private static Request request(String method, String uri, String cseqMethod, String extra, String contentType,
      String body) throws Exception {
    StringBuilder sb = new StringBuilder()
        .append(method).append(' ').append(uri).append(" SIP/2.0\r\n")
        .append("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n")
        .append("Max-Forwards: 70\r\n")
        .append("To: <sip:bob@example.com>\r\n")
        .append("From: <sip:alice@example.com>;tag=1928301774\r\n")
        .append("Call-ID: a84b4c76e66710@192.0.2.1\r\n")
        .append("CSeq: 314159 ").append(cseqMethod).append("\r\n");
    if (!extra.isEmpty()) {
      for (String line : extra.split("\\|")) {
        sb.append(line.trim()).append("\r\n");
      }
    }
    if (!"-".equals(contentType)) {
      sb.append("Content-Type: ").append(contentType).append("\r\n");
    }
    sb.append("Content-Length: ").append(body.getBytes().length).append("\r\n\r\n").append(body);
    return (Request) StackLikeParser.parse(sb.toString());
  }

  private static String outcome(Optional<RequestRejection> r) {
    return r.map(x -> x.status() + (x.headers().isEmpty() ? "" : " " + x.headers())).orElse("ACCEPT");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', quoteCharacter = '\'', textBlock = """
      plain INVITE with SDP                ; INVITE ; sip:bob@example.com  ; INVITE  ; ''                         ; application/sdp ; ACCEPT
      tel Request-URI                      ; INVITE ; tel:+15551234567     ; INVITE  ; ''                         ; application/sdp ; ACCEPT
      sips Request-URI                     ; OPTIONS; sips:bob@example.com ; OPTIONS ; ''                         ; -               ; ACCEPT
      mailto Request-URI                   ; INVITE ; mailto:bob@example.com ; INVITE ; ''                        ; application/sdp ; 416
      CSeq method differs                  ; BYE    ; sip:bob@example.com  ; INVITE  ; ''                         ; -               ; 400
      Require replaces is supported        ; INVITE ; sip:bob@example.com  ; INVITE  ; 'Require: replaces'        ; application/sdp ; ACCEPT
      Require timer is not (yet)           ; INVITE ; sip:bob@example.com  ; INVITE  ; 'Require: timer, REPLACES' ; application/sdp ; '420 {Unsupported=timer}'
      Proxy-Require counts too             ; OPTIONS; sip:bob@example.com  ; OPTIONS ; 'Proxy-Require: foo'       ; -               ; '420 {Unsupported=foo}'
      ACK is never refused for Require     ; ACK    ; sip:bob@example.com  ; ACK     ; 'Require: foo'             ; -               ; ACCEPT
      CANCEL is never refused for Require  ; CANCEL ; sip:bob@example.com  ; CANCEL  ; 'Require: foo'             ; -               ; ACCEPT
      INVITE with a text body              ; INVITE ; sip:bob@example.com  ; INVITE  ; ''                         ; text/plain      ; '415 {Accept=application/sdp}'
      Content-Type case does not matter    ; INVITE ; sip:bob@example.com  ; INVITE  ; ''                         ; Application/SDP ; ACCEPT
      MESSAGE bodies are not ours to judge ; MESSAGE; sip:bob@example.com  ; MESSAGE ; ''                         ; text/plain      ; ACCEPT
      Accept lists SDP among others        ; INVITE ; sip:bob@example.com  ; INVITE  ; 'Accept: text/html, application/sdp' ; application/sdp ; ACCEPT
      Accept wildcard                      ; INVITE ; sip:bob@example.com  ; INVITE  ; 'Accept: */*'              ; application/sdp ; ACCEPT
      Accept application wildcard          ; INVITE ; sip:bob@example.com  ; INVITE  ; 'Accept: application/*'    ; application/sdp ; ACCEPT
      Accept without SDP                   ; INVITE ; sip:bob@example.com  ; INVITE  ; 'Accept: text/html'        ; application/sdp ; '406 {Accept=application/sdp}'
      Accept on OPTIONS is not checked     ; OPTIONS; sip:bob@example.com  ; OPTIONS ; 'Accept: text/html'        ; -               ; ACCEPT
      """)
  void rule(String name, String method, String uri, String cseqMethod, String extra, String contentType,
      String expected) throws Exception {
    String body = "-".equals(contentType) ? "" : contentType.equals("text/plain") ? "hello" : SDP;
    assertEquals(expected, outcome(RequestChecks.defaults().check(
        request(method, uri, cseqMethod, extra, contentType, body))), name);
  }

  @ParameterizedTest(name = "without {0}")
  @CsvSource({"Call-ID", "From", "To", "CSeq", "Via"})
  void missingMandatoryHeaderIs400(String header) throws Exception {
    Request r = request("INVITE", "sip:bob@example.com", "INVITE", "", "application/sdp", SDP);
    r.removeHeader(header);
    RequestRejection rejection = RequestChecks.defaults().check(r).orElseThrow();
    assertEquals(400, rejection.status());
    assertEquals("Missing " + header + " Header", rejection.reason());
  }

  @ParameterizedTest(name = "multipart with {0}")
  @CsvSource({"application/sdp, ACCEPT", "text/plain, 415"})
  void multipartMixedIsAcceptedWhenAPartIsSdp(String partType, String expected) throws Exception {
    String body = "--b1\r\nContent-Type: " + partType + "\r\n\r\n" + SDP + "\r\n"
        + "--b1\r\nContent-Type: application/isup\r\n\r\nxyz\r\n--b1--\r\n";
    Request r = request("INVITE", "sip:bob@example.com", "INVITE", "", "multipart/mixed;boundary=b1", body);
    assertEquals(expected, outcome(RequestChecks.defaults().check(r)).split(" ")[0]);
  }

  @ParameterizedTest(name = "supported {0}")
  @CsvSource({"'replaces,timer', ACCEPT", "'', 420"})
  void supportedSetIsConfigurable(String supported, String expected) throws Exception {
    RequestChecks checks = new RequestChecks(supported.isEmpty() ? Set.of() : Set.of(supported.split(",")));
    Request r = request("INVITE", "sip:bob@example.com", "INVITE", "Require: Timer", "application/sdp", SDP);
    assertEquals(expected, outcome(checks.check(r)).split(" ")[0]);
  }

  @ParameterizedTest(name = "Max-Forwards {0} when forwarding -> {1}")
  @CsvSource({"0, 483", "1, ACCEPT", "70, ACCEPT"})
  void maxForwardsGuardsOnlyForwarding(int maxForwards, String expected) throws Exception {
    Request r = request("INVITE", "sip:bob@example.com", "INVITE", "", "application/sdp", SDP);
    r.setHeader(javax.sip.SipFactory.getInstance().createHeaderFactory().createMaxForwardsHeader(maxForwards));
    assertEquals(expected, outcome(RequestChecks.defaults().checkForwarding(r)));
    assertEquals("ACCEPT", outcome(RequestChecks.defaults().check(r)));
    assertEquals(Map.of(), RequestChecks.defaults().check(r).map(RequestRejection::headers).orElse(Map.of()));
  }
}
