package io.voicegateway.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line for log shippers (Loki, Elastic, Vector):
 * {@code {"timestamp","level","logger","thread","message","callId"?,"exception"?}}, the exception with its stack
 * trace as one string field, so a record never spans lines.
 *
 * <p>Written here rather than taken from a library: the gateway logs through java.util.logging, and the JSON layouts
 * on offer (logstash-logback-encoder, log4j2's JsonTemplateLayout, ecs-logging's JUL formatter) would bring a second
 * logging framework or a new dependency for twenty lines; the JSON itself is written by Jackson, already on the class
 * path, so escaping is not hand-made.
 */
public final class JsonLogFormatter extends Formatter {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public String format(LogRecord record) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(record.getInstant()));
      json.writeStringField("level", record.getLevel().getName());
      json.writeStringField("logger", record.getLoggerName());
      // JUL records carry a thread id, not a name; console handlers publish on the logging thread, so name it
      json.writeStringField("thread", Thread.currentThread().getName());
      json.writeStringField("message", formatMessage(record));
      String callId = LogContext.callId();
      if (callId != null) {
        json.writeStringField("callId", callId);
      }
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        json.writeStringField("exception", trace.toString());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.append(System.lineSeparator()).toString();
  }
}
