package com.tenantpilot.scheduling.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.graph.PolicyType.AssignmentSource;
import com.tenantpilot.scheduling.graph.PolicyType.SubCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry table in the module README must say what the bundled registry does. */
class ReadmeTest {

  @Test
  void the_readme_registry_table_matches_the_bundled_registry() throws Exception {
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      if (line.startsWith("| `") && line.split("\\|").length == 5) {
        String[] cells = line.split("\\|");
        rows.put(cells[1].trim().replace("`", ""), cells);
      }
    }
    PolicyTypeRegistry registry = PolicyTypeRegistry.defaults();

    assertThat(rows.keySet()).containsExactlyElementsOf(registry.keys());
    for (PolicyType type : registry.types()) {
      String[] row = rows.get(type.key());
      assertThat(row[2]).as(type.key()).contains("`" + type.path() + "`");
      assertThat(row[3].trim()).as(type.key()).isEqualTo(type.assignments() == AssignmentSource.NONE ? "none"
          : "`/{id}/assignments`" + (type.assignmentsOptional() ? " (optional)" : ""));
      assertThat(row[4].contains("item GET")).as(type.key()).isEqualTo(type.itemGet());
      for (SubCollection sub : type.subCollections()) {
        String call = "/{id}/" + sub.path() + (sub.query() == null ? "" : "?" + sub.query());
        assertThat(row[4]).as(type.key()).contains(call);
        assertThat(row[4].contains("(optional)")).as(type.key()).isEqualTo(sub.optional());
        for (SubCollection child : sub.children()) {
          assertThat(row[4]).as(type.key()).contains("/" + child.path() + "?" + child.query());
        }
      }
    }
  }
}
