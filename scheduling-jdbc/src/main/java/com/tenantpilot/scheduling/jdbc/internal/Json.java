package com.tenantpilot.scheduling.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tenantpilot.scheduling.jdbc.StoreConstraintException;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.RunSummary;
import com.tenantpilot.scheduling.run.TypeSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON columns' formats, written and read with Jackson. Formats are explicit (tree model),
 * not derived from the core's records, so that a renamed record component never changes what is
 * stored.
 *
 * <ul>
 *   <li>{@code days_of_week}, {@code policy_types}, {@code notes}: an array of strings, in order.
 *   <li>{@code summary}: {@code {"types":[{"type":..,"outcome":..,"found":..,"backedUp":..,
 *       "failed":..,"errorCode":..}],"retentionDeleted":..,"retentionError":..}}; the types are an
 *       array so their order survives jsonb.
 *   <li>{@code counts_by_type}: an object of type key to count.
 *   <li>audit {@code metadata}, notification {@code data}: an object of the given map; instants
 *       and durations as ISO-8601 text.
 * </ul>
 *
 * <p>Reading a string array is lenient, because a schedule's stored strings are returned as they
 * are for the core to judge: a non-array value becomes a one-element list of its text.
 *
 * <p>Thread-safe.
 */
public final class Json {

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final ObjectMapper mapper = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .build();

  /** A list of strings as a JSON array. */
  public String strings(List<String> values) {
    ArrayNode array = mapper.createArrayNode();
    values.forEach(array::add);
    return array.toString();
  }

  /** A JSON array of strings as a list, leniently (see the class comment). */
  public List<String> parseStrings(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    JsonNode node;
    try {
      node = mapper.readTree(raw);
    } catch (JsonProcessingException e) {
      return List.of(raw);
    }
    if (!node.isArray()) {
      return List.of(node.isTextual() ? node.asText() : node.toString());
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode element : node) {
      values.add(element.isTextual() ? element.asText() : element.toString());
    }
    return values;
  }

  /** A run summary in its stored format. */
  public String summary(RunSummary summary) {
    ObjectNode root = mapper.createObjectNode();
    ArrayNode types = root.putArray("types");
    summary.types().forEach((type, s) -> {
      ObjectNode t = types.addObject();
      t.put("type", type);
      t.put("outcome", s.outcome().name());
      t.put("found", s.found());
      t.put("backedUp", s.backedUp());
      t.put("failed", s.failed());
      t.put("errorCode", s.errorCode() == null ? null : s.errorCode().name());
    });
    if (summary.retentionDeleted() == null) {
      root.putNull("retentionDeleted");
    } else {
      root.put("retentionDeleted", summary.retentionDeleted());
    }
    root.put("retentionError", summary.retentionError());
    return root.toString();
  }

  /** A stored run summary; an empty object is {@link RunSummary#EMPTY}. */
  public RunSummary parseSummary(String raw) {
    JsonNode root = tree(raw, "run summary");
    if (root == null || root.isEmpty()) {
      return RunSummary.EMPTY;
    }
    Map<String, TypeSummary> types = new LinkedHashMap<>();
    for (JsonNode t : root.path("types")) {
      JsonNode code = t.get("errorCode");
      types.put(t.path("type").asText(), new TypeSummary(
          TypeSummary.Outcome.valueOf(t.path("outcome").asText()),
          t.path("found").asInt(),
          t.path("backedUp").asInt(),
          t.path("failed").asInt(),
          code == null || code.isNull() ? null : ErrorCode.valueOf(code.asText())));
    }
    JsonNode deleted = root.get("retentionDeleted");
    JsonNode error = root.get("retentionError");
    return new RunSummary(types,
        deleted == null || deleted.isNull() ? null : deleted.asInt(),
        error == null || error.isNull() ? null : error.asText());
  }

  /** Counts per type key as a JSON object. */
  public String counts(Map<String, Integer> counts) {
    ObjectNode root = mapper.createObjectNode();
    counts.forEach(root::put);
    return root.toString();
  }

  /** A stored JSON object of counts. */
  public Map<String, Integer> parseCounts(String raw) {
    JsonNode root = tree(raw, "counts");
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (root != null) {
      root.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
    }
    return counts;
  }

  /**
   * A map of small values as a JSON object.
   *
   * @throws StoreConstraintException naming {@code what} if a value cannot be written as JSON
   */
  public String object(Map<String, Object> values, String what) {
    try {
      return mapper.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new StoreConstraintException(what + " cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A stored JSON object as an ordered map. */
  public Map<String, Object> parseObject(String raw) {
    if (raw == null || raw.isBlank()) {
      return Map.of();
    }
    try {
      return Collections.unmodifiableMap(mapper.readValue(raw, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON object is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  private JsonNode tree(String raw, String what) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return mapper.readTree(raw);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + what + " is unreadable: " + e.getOriginalMessage(), e);
    }
  }
}
