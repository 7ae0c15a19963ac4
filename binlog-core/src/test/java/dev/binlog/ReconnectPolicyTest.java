package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    @Test
    void namedPoliciesMeanWhatTheySay() {
        assertThat(ReconnectPolicy.forever().allows(1_000_000)).isTrue();
        assertThat(ReconnectPolicy.forever().maxAttempts()).isEmpty();
        assertThat(ReconnectPolicy.never().allows(1)).isFalse();
        assertThat(ReconnectPolicy.never().maxAttempts()).hasValue(0);
        assertThat(ReconnectPolicy.attempts(3).allows(3)).isTrue();
        assertThat(ReconnectPolicy.attempts(3).allows(4)).isFalse();
    }

    @Test
    void backoffDoublesUpToTheMaximumAndJitterOnlyShortensIt() {
        ReconnectPolicy policy = ReconnectPolicy.forever().withBackoff(Duration.ofMillis(100), Duration.ofMillis(350),
                0);
        assertThat(policy.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(3)).isEqualTo(Duration.ofMillis(350));
        assertThat(policy.delay(40)).isEqualTo(Duration.ofMillis(350));
        ReconnectPolicy jittered = ReconnectPolicy.forever().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1));
        for (int i = 0; i < 100; i++) {
            assertThat(jittered.delay(1)).isBetween(Duration.ofMillis(800), Duration.ofSeconds(1));
        }
    }

    @Test
    void refusesANegativeNumberOfAttempts() {
        assertThatThrownBy(() -> ReconnectPolicy.attempts(-1)).isInstanceOf(ConfigurationException.class)
                .hasMessage("reconnect attempts must be 0 or more, not -1; use ReconnectPolicy.forever() for no limit");
    }
}
