package com.tenantpilot.scheduling.graph.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tenantpilot.scheduling.graph.PolicyType;
import com.tenantpilot.scheduling.graph.PolicyType.AssignmentSource;
import com.tenantpilot.scheduling.graph.PolicyType.SubCollection;
import com.tenantpilot.scheduling.graph.PolicyTypeRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One tenant's synthetic Intune data: every collection and item the fake serves, keyed by path
 * below the API version. Generated deterministically from the registry and the bundled samples:
 * ids are name-based UUIDs of tenant, type and index, so two tenants never share an id.
 *
 * <p>Immutable after construction and thread-safe.
 */
final class SyntheticTenant {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Instant BASE_DATE = Instant.parse("2024-03-04T08:15:30Z");

  private final String tenant;
  private final JsonNode samples;
  private final FakeGraphServer.Settings settings;
  private final Map<String, List<ObjectNode>> collections = new HashMap<>();
  private final Set<String> topLevel = new HashSet<>();
  private final Map<String, ObjectNode> items = new HashMap<>();
  private final Map<String, List<String>> policyIds = new LinkedHashMap<>();

  SyntheticTenant(String tenant, PolicyTypeRegistry registry, JsonNode samples, FakeGraphServer.Settings settings) {
    this.tenant = tenant;
    this.samples = samples;
    this.settings = settings;
    for (PolicyType type : registry.types()) {
      generate(type);
    }
  }

  List<ObjectNode> collection(String path) {
    return collections.get(path);
  }

  boolean isTopLevel(String path) {
    return topLevel.contains(path);
  }

  ObjectNode item(String path) {
    return items.get(path);
  }

  List<String> policyIds(String typeKey) {
    return policyIds.getOrDefault(typeKey, List.of());
  }

  private void generate(PolicyType type) {
    JsonNode typeSamples = samples.path("types").path(type.key());
    List<JsonNode> variants = variants(typeSamples, "#microsoft.graph.entity", type.key());
    Set<String> itemOnly = new HashSet<>();
    typeSamples.path("itemOnly").forEach(n -> itemOnly.add(n.asText()));
    List<ObjectNode> listed = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < settings.policiesPerType(); i++) {
      String id = uuid(type.key(), i);
      ObjectNode full = instantiate(variants.get(i % variants.size()), id, i + 1);
      full.put("createdDateTime", BASE_DATE.plus(i, ChronoUnit.DAYS).toString());
      full.put("lastModifiedDateTime", BASE_DATE.plus(i + 30L, ChronoUnit.DAYS).toString());
      String itemPath = type.path() + "/" + id;
      items.put(itemPath, full);
      ObjectNode entry = full.deepCopy();
      if (type.itemGet()) {
        itemOnly.forEach(entry::remove);
      }
      listed.add(entry);
      ids.add(id);
      if (type.assignments() == AssignmentSource.SEPARATE_CALL) {
        collections.put(itemPath + "/assignments", assignments(typeSamples, id, i));
      }
      for (SubCollection sub : type.subCollections()) {
        generateSub(type.key() + "." + sub.name(), itemPath, sub, id);
      }
    }
    collections.put(type.path(), listed);
    topLevel.add(type.path());
    policyIds.put(type.key(), List.copyOf(ids));
  }

  private void generateSub(String sampleKey, String parentPath, SubCollection sub, String parentId) {
    JsonNode subSamples = samples.path("subCollections").path(sampleKey);
    List<JsonNode> variants = variants(subSamples, "#microsoft.graph.entity", sub.name());
    int size = settings.subCollectionSizes().getOrDefault(sub.name(),
        subSamples.has("size") ? subSamples.get("size").asInt() : settings.subCollectionSize());
    String path = parentPath + "/" + sub.path();
    List<ObjectNode> entries = new ArrayList<>();
    for (int j = 0; j < size; j++) {
      String id = sub.name().equals("settings") ? Integer.toString(j) : uuid(parentId + "/" + sub.name(), j);
      ObjectNode element = instantiate(variants.get(j % variants.size()), id, 0);
      entries.add(element);
      items.put(path + "/" + id, element);
      for (SubCollection child : sub.children()) {
        generateSub(sampleKey + "." + child.name(), path + "/" + id, child, id);
      }
    }
    collections.put(path, entries);
  }

  private List<ObjectNode> assignments(JsonNode typeSamples, String policyId, int index) {
    String odataType = typeSamples.path("assignmentType").asText("#microsoft.graph.entity");
    return List.of(
        assignment(odataType, policyId, uuid("group-included", index), "#microsoft.graph.groupAssignmentTarget"),
        assignment(odataType, policyId, uuid("group-excluded", index), "#microsoft.graph.exclusionGroupAssignmentTarget"));
  }

  private static ObjectNode assignment(String odataType, String policyId, String groupId, String targetType) {
    ObjectNode a = NODES.objectNode();
    a.put("@odata.type", odataType);
    a.put("id", policyId + "_" + groupId);
    a.put("source", "direct");
    a.put("sourceId", policyId);
    a.put("intent", "apply");
    ObjectNode target = a.putObject("target");
    target.put("@odata.type", targetType);
    target.putNull("deviceAndAppManagementAssignmentFilterId");
    target.put("deviceAndAppManagementAssignmentFilterType", "none");
    target.put("groupId", groupId);
    return a;
  }

  /** A copy of a sample with {@code @odata.type} and {@code id} first and a numbered name. */
  private static ObjectNode instantiate(JsonNode sample, String id, int number) {
    ObjectNode node = NODES.objectNode();
    if (sample.has("@odata.type")) {
      node.set("@odata.type", sample.get("@odata.type"));
    }
    node.put("id", id);
    for (Iterator<Map.Entry<String, JsonNode>> it = sample.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("@odata.type") && !e.getKey().equals("id")) {
        node.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    if (number > 0) {
      for (String nameField : List.of("displayName", "name")) {
        if (node.path(nameField).isTextual()) {
          node.put(nameField, node.get(nameField).asText() + " " + number);
        }
      }
    }
    return node;
  }

  private static List<JsonNode> variants(JsonNode samples, String odataType, String label) {
    List<JsonNode> list = new ArrayList<>();
    samples.path("variants").forEach(list::add);
    if (list.isEmpty()) {
      ObjectNode generic = NODES.objectNode();
      generic.put("@odata.type", odataType);
      generic.put("displayName", label);
      list.add(generic);
    }
    return list;
  }

  private String uuid(String what, int index) {
    return UUID.nameUUIDFromBytes((tenant + "/" + what + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
