package dev.g4j.provider.openai.internal;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Providers share one Vert.x; the last one that used it closes it. */
class TransportTest {

    @Test
    void providersShareOneRuntimeUntilTheLastUserCloses() {
        int baseline = Transport.users();
        Transport first = new Transport();
        Transport second = new Transport();
        Transport idle = new Transport();
        Vertx shared = first.vertx();
        assertThat(second.vertx()).isSameAs(shared);
        assertThat(second.client()).isSameAs(first.client());
        assertThat(Transport.users()).isEqualTo(baseline + 2);

        idle.close();
        first.close();
        assertThat(second.vertx()).as("a user is left").isSameAs(shared);
        assertThatThrownBy(first::vertx).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");

        second.close();
        second.close();
        assertThat(Transport.users()).as("an idle handle never counted; closing twice counts once").isEqualTo(baseline);
        if (baseline == 0) {
            Transport later = new Transport();
            try {
                assertThat(later.vertx()).as("the last close released it; a new user starts a new one").isNotSameAs(shared);
            } finally {
                later.close();
            }
        }
    }
}
