package com.tenantpilot.scheduling.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keeps the core pure: no adapter technology, no global clock or zone, no sleeping threads, and
 * domain packages that know nothing of the services built on them.
 *
 * <p>{@code System.nanoTime()} is forbidden too: durations the engine reports (a run's duration,
 * lease timing) come from the injected clock, so tests control them. Should the core ever need a
 * monotonic ticker, inject one rather than relax this rule.
 *
 * <p>Each rule is also run against a small fixture class that breaks it, so that no rule passes
 * only because it matches nothing.
 */
class CoreArchitectureTest {

  private static final String CORE = "com.tenantpilot.scheduling";

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(CORE);

  static final ArchRule NO_ADAPTER_TECHNOLOGY = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.jdbi..", "java.sql..", "javax.sql..", "com.fasterxml.jackson..", "com.microsoft..", "com.azure..",
          "okhttp3..", "org.springframework..", "picocli..")
      .because("the core depends on the JDK and its ports; adapters live in their own modules (spec section 8)");

  static final ArchRule NO_GLOBAL_CLOCK_OR_ZONE = noClasses()
      .should().callMethodWhere(readsTheSystemClockOrZone())
      .orShould().callConstructor(java.util.Date.class)
      .because("time comes from the injected Clock and the zone is a schedule field (STYLE.md)");

  static final ArchRule NO_SLEEPING = noClasses()
      .should().callMethodWhere(call(Thread.class, "sleep"))
      .orShould().callMethodWhere(call(TimeUnit.class, "sleep"))
      .because("waiting is modelled with notBefore and leases, never by blocking a thread (spec section 6)");

  static final ArchRule DOMAIN_KNOWS_NO_SERVICES = noClasses()
      .that().resideInAnyPackage(CORE + ".schedule..", CORE + ".policy..", CORE + ".run..", CORE + ".backup..",
          CORE + ".audit..")
      .should().dependOnClassesThat().resideInAnyPackage(CORE + ".dispatch..", CORE + ".execution..",
          CORE + ".retention..")
      .because("domain packages know nothing of services; dependencies point from services to the domain");

  @Test
  void main_classes_were_imported_without_tests() {
    assertThat(MAIN.containPackage(CORE + ".schedule")).isTrue();
    assertThat(MAIN.stream().map(c -> c.getSimpleName())).contains("SlotCalculator")
        .doesNotContain("CoreArchitectureTest", "SlotCalculatorDstTest");
  }

  @Test
  void core_depends_on_no_adapter_technology() {
    NO_ADAPTER_TECHNOLOGY.check(MAIN);
  }

  @Test
  void core_never_reads_the_system_clock_or_default_zone() {
    NO_GLOBAL_CLOCK_OR_ZONE.check(MAIN);
  }

  @Test
  void core_never_sleeps() {
    NO_SLEEPING.check(MAIN);
  }

  @Test
  void domain_packages_do_not_depend_on_services() {
    DOMAIN_KNOWS_NO_SERVICES.check(MAIN);
  }

  @Test
  void each_rule_catches_a_class_that_breaks_it() {
    JavaClasses fixtures = new ClassFileImporter().importClasses(RuleBreakers.UsesTechnology.class,
        RuleBreakers.ReadsInstantNow.class, RuleBreakers.ReadsInstantNowFromClock.class, RuleBreakers.ReadsSystemTime.class,
        RuleBreakers.ReadsDefaults.class, RuleBreakers.ReadsLocalDateNow.class, RuleBreakers.Sleeps.class);

    assertThatThrownBy(() -> NO_ADAPTER_TECHNOLOGY.check(fixtures)).hasMessageContaining("UsesTechnology");
    assertThatThrownBy(() -> NO_GLOBAL_CLOCK_OR_ZONE.check(fixtures))
        .hasMessageContaining("ReadsInstantNow.")
        .hasMessageContaining("ReadsInstantNowFromClock")
        .hasMessageContaining("currentTimeMillis")
        .hasMessageContaining("nanoTime")
        .hasMessageContaining("systemDefault")
        .hasMessageContaining("systemUTC")
        .hasMessageContaining("systemDefaultZone")
        .hasMessageContaining("getDefault")
        .hasMessageContaining("ReadsLocalDateNow")
        .hasMessageContaining("Date.<init>");
    assertThatThrownBy(() -> NO_SLEEPING.check(fixtures)).hasMessageContaining("Thread.sleep")
        .hasMessageContaining("TimeUnit.sleep");
  }

  @Test
  void now_with_an_injected_clock_is_allowed_except_for_instant() {
    JavaClasses fixtures = new ClassFileImporter().importClasses(RuleBreakers.UsesInjectedClock.class);
    NO_GLOBAL_CLOCK_OR_ZONE.check(fixtures);
    assertThat(fixtures.get(RuleBreakers.UsesInjectedClock.class).getMethodCallsFromSelf()).isNotEmpty();
  }

  /**
   * Calls that read the host's clock or zone: {@code Instant.now} in every overload (use
   * {@code clock.instant()}), the other {@code java.time} {@code now} methods unless given a
   * {@link Clock}, and the system clock and default zone accessors.
   */
  private static DescribedPredicate<JavaCall<?>> readsTheSystemClockOrZone() {
    return DescribedPredicate.describe("reads the system clock or default zone", c -> {
      String owner = c.getTargetOwner().getName();
      String name = c.getName();
      List<String> params = c.getTarget().getRawParameterTypes().stream().map(t -> t.getName()).toList();
      if (owner.equals(Instant.class.getName()) && name.equals("now")) {
        return true;
      }
      if (owner.startsWith("java.time.") && name.equals("now")) {
        return !params.equals(List.of(Clock.class.getName()));
      }
      return owner.equals(System.class.getName()) && (name.equals("currentTimeMillis") || name.equals("nanoTime"))
          || owner.equals(ZoneId.class.getName()) && name.equals("systemDefault")
          || owner.equals(Clock.class.getName()) && (name.equals("systemDefaultZone") || name.equals("systemUTC"))
          || owner.equals(TimeZone.class.getName()) && name.equals("getDefault");
    });
  }

  private static DescribedPredicate<JavaCall<?>> call(Class<?> owner, String method) {
    return DescribedPredicate.describe(owner.getSimpleName() + "." + method + "(..)",
        c -> c.getTargetOwner().isEquivalentTo(owner) && c.getName().equals(method));
  }
}
