package com.tenantpilot.scheduling.graph.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.GraphFailure.Cause;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed Graph response, or a request that got no response, into a {@link GraphFailure}.
 *
 * <p>The failure carries facts only: the HTTP status (the core classifies by it and by the cause,
 * never by message text), Graph's {@code error.code}, the {@code request-id} (header, or {@code
 * error.innerError.request-id}), the {@code Date} header, the parsed Retry-After and a short,
 * sanitised message. Intune nests a JSON document in {@code error.message} ({@code
 * {"_version":3,"Message":"...","RetryAfter":null,...}}); its {@code Message} is used, without the
 * internal service URL. Messages never contain a token, an Authorization header or a payload:
 * anything that looks like a bearer token or a JWT is redacted, and the text is cut to {@value
 * #MAX_MESSAGE} characters. Stateless and thread-safe.
 */
public final class GraphFailures {

  /** The longest message kept, in characters. */
  public static final int MAX_MESSAGE = 300;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}(\\.[A-Za-z0-9_-]*)?");
  private static final Pattern URL_SUFFIX = Pattern.compile("\\s*-\\s*Url:\\s*\\S+");
  private static final Pattern PHRASE_SUFFIX = Pattern.compile("\\s*-\\s*CustomApiErrorPhrase:\\s*$");
  private static final Pattern OPERATION_ID =
      Pattern.compile("\\s*-\\s*Operation ID \\(for customer support\\):\\s*([0-9A-Fa-f-]+)");
  private static final Pattern ACTIVITY_ID = Pattern.compile("\\s*-\\s*Activity ID:\\s*([0-9A-Fa-f-]+)");
  private static final String ZERO_GUID = "00000000-0000-0000-0000-000000000000";
  private static final Pattern URL = Pattern.compile("https?://\\S+");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]+");

  private GraphFailures() {}

  /**
   * The failure for a non-success response.
   *
   * @param status the HTTP status
   * @param header looks up a response header by name (case-insensitive), {@code null} if absent
   * @param body the response body, possibly empty or not JSON
   * @param now the clock reading, for an HTTP-date Retry-After without a response Date
   */
  public static GraphFailure fromResponse(int status, Function<String, String> header, byte[] body, Instant now) {
    JsonNode error = errorObject(body);
    String code = textField(error, "code");
    String requestId = header.apply("request-id");
    String date = header.apply("Date");
    JsonNode inner = field(error, "innerError");
    if (requestId == null) {
      requestId = textField(inner, "request-id");
    }
    if (date == null) {
      date = textField(inner, "date");
    }
    String rawMessage = textField(error, "message");
    JsonNode intune = intuneDocument(rawMessage);
    String message = intune != null ? compactIntuneMessage(textField(intune, "Message")) : rawMessage;
    Duration retryAfter = RetryAfter.parse(header.apply("Retry-After"), header.apply("Date"), now);
    if (retryAfter == null && intune != null) {
      retryAfter = RetryAfter.parse(textField(intune, "RetryAfter"), header.apply("Date"), now);
    }
    String text = message == null || message.isBlank() ? "HTTP " + status : sanitize(message);
    return new GraphFailure(status, Cause.HTTP_STATUS, sanitizeCode(code), sanitizeCode(requestId), sanitizeCode(date), retryAfter, text);
  }

  /** The failure for a request that got no response: a timeout or a broken connection. */
  public static GraphFailure fromIoException(IOException e) {
    // OkHttp reports read and connect timeouts as SocketTimeoutException, the call timeout as
    // InterruptedIOException("timeout"); a thread interrupt is handled by the caller before this.
    if (e instanceof SocketTimeoutException || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
      return GraphFailure.of(Cause.TIMEOUT, "timed out: " + sanitize(String.valueOf(e.getMessage())));
    }
    return GraphFailure.of(Cause.CONNECTION, "connection failed: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + sanitize(e.getMessage())));
  }

  /** A 2xx response whose body could not be read as Graph JSON. */
  public static GraphFailure malformed(int status, Function<String, String> header, String what) {
    return new GraphFailure(status, Cause.MALFORMED_RESPONSE, null, sanitizeCode(header.apply("request-id")),
        sanitizeCode(header.apply("Date")), null, sanitize(what));
  }

  /**
   * A short, single-line message without URLs, bearer tokens or JWTs, cut to {@value #MAX_MESSAGE}
   * characters.
   */
  public static String sanitize(String message) {
    if (message == null) {
      return null;
    }
    String s = URL_SUFFIX.matcher(message).replaceAll("");
    s = BEARER.matcher(s).replaceAll("Bearer <redacted>");
    s = JWT.matcher(s).replaceAll("<redacted>");
    s = URL.matcher(s).replaceAll("<url>");
    s = CONTROL.matcher(s).replaceAll(" ").trim();
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 3) + "...";
  }

  /**
   * Intune's {@code Message} is "text - Operation ID (for customer support): guid - Activity ID:
   * guid - Url: internal-url"; keep the text and the ids in a short form, drop the URL.
   */
  static String compactIntuneMessage(String message) {
    if (message == null) {
      return null;
    }
    String s = URL_SUFFIX.matcher(message).replaceAll("");
    s = PHRASE_SUFFIX.matcher(s).replaceAll("");
    List<String> ids = new ArrayList<>();
    Matcher op = OPERATION_ID.matcher(s);
    if (op.find() && !op.group(1).equals(ZERO_GUID)) {
      ids.add("operation " + op.group(1));
    }
    s = op.replaceAll("");
    Matcher activity = ACTIVITY_ID.matcher(s);
    if (activity.find()) {
      ids.add("activity " + activity.group(1));
    }
    s = activity.replaceAll("").trim();
    return ids.isEmpty() ? s : s + " (" + String.join(", ", ids) + ")";
  }

  private static String sanitizeCode(String value) {
    if (value == null) {
      return null;
    }
    String s = CONTROL.matcher(value).replaceAll(" ").trim();
    return s.length() <= 100 ? s : s.substring(0, 100);
  }

  private static JsonNode errorObject(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
      JsonNode error = field(root, "error");
      return error != null && error.isObject() ? error : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static JsonNode intuneDocument(String message) {
    if (message == null || !message.trim().startsWith("{")) {
      return null;
    }
    try {
      JsonNode doc = JSON.readTree(message);
      return doc != null && doc.isObject() ? doc : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A field by name, ignoring case (Graph writes both {@code innerError} and {@code innererror}). */
  private static JsonNode field(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String textField(JsonNode node, String name) {
    JsonNode value = field(node, name);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }
}
