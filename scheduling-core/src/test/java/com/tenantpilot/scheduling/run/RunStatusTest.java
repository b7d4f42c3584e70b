package com.tenantpilot.scheduling.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RunStatusTest {

  /** The spec's transition table (section 6), written out here independently of {@link RunStatus}. */
  private static final Set<String> LEGAL = Set.of(
      "QUEUED->RUNNING", "QUEUED->SKIPPED", "QUEUED->CANCELED",
      "RUNNING->SUCCESS", "RUNNING->PARTIAL", "RUNNING->FAILED", "RUNNING->SKIPPED", "RUNNING->CANCELED",
      "RUNNING->QUEUED");

  private static final Set<String> TERMINAL = Set.of("SUCCESS", "PARTIAL", "FAILED", "SKIPPED", "CANCELED");

  static Stream<Arguments> everyPair() {
    return Stream.of(RunStatus.values()).flatMap(from -> Stream.of(RunStatus.values())
        .map(to -> Arguments.of(from, to, LEGAL.contains(from + "->" + to))));
  }

  @ParameterizedTest(name = "{0} -> {1} legal={2}")
  @MethodSource("everyPair")
  void every_pair_follows_the_spec_table(RunStatus from, RunStatus to, boolean legal) {
    assertThat(from.canTransitionTo(to)).isEqualTo(legal);
    if (legal) {
      assertThat(from.checkTransition(to)).isSameAs(to);
    } else {
      IllegalTransitionException e = catchThrowableOfType(IllegalTransitionException.class,
          () -> from.checkTransition(to));
      assertThat(e.from()).isSameAs(from);
      assertThat(e.to()).isSameAs(to);
      assertThat(e.getMessage()).contains(from.name()).contains(to.name());
    }
  }

  @Test
  void the_table_covers_all_49_pairs_and_9_are_legal() {
    assertThat(everyPair()).hasSize(49);
    assertThat(everyPair().filter(a -> (boolean) a.get()[2])).hasSize(9);
    assertThat(RunStatus.values()).hasSize(7);
  }

  @ParameterizedTest
  @EnumSource(RunStatus.class)
  void terminal_states_are_exactly_the_five_outcomes(RunStatus status) {
    assertThat(status.isTerminal()).isEqualTo(TERMINAL.contains(status.name()));
  }

  @ParameterizedTest
  @EnumSource(RunStatus.class)
  void stored_names_are_lowercase_and_parse_back_in_any_case(RunStatus status) {
    assertThat(status.storedName()).isEqualTo(status.name().toLowerCase(Locale.ROOT));
    assertThat(RunStatus.fromStored(status.storedName())).isSameAs(status);
    assertThat(RunStatus.fromStored(status.name())).isSameAs(status);
  }

  @Test
  void an_unknown_stored_name_is_rejected() {
    assertThatThrownBy(() -> RunStatus.fromStored("exploded")).isInstanceOf(IllegalArgumentException.class);
  }
}
