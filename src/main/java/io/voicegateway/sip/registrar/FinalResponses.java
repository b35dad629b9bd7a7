package io.voicegateway.sip.registrar;

import io.voicegateway.sip.stack.Tags;
import java.text.ParseException;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Final responses the registrar and the INVITE authenticator build without a stack at hand. */
public final class FinalResponses {
  private FinalResponses() {}

  /** A response with our To tag; {@code reason} overrides the standard phrase when given. */
  public static Response create(MessageFactory messages, Request request, int status, String reason) {
    try {
      Response r = messages.createResponse(status, request);
      ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
      if (to.getTag() == null) {
        to.setTag(Tags.newTag());
      }
      if (reason != null) {
        r.setReasonPhrase(reason);
      }
      return r;
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }
}
