package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.state.SessionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sessions kept decoded stay within the instance's byte budget, least recently used out first. */
class DecodedSessionsTest {

    private static StreamModel model;

    @BeforeAll
    static void load() {
        model = ProcessorFixture.load(ProcessorFixture.RANDOM_MODEL);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static SessionState state() {
        return model.stateCodec().newState();
    }

    @Test
    void theBudgetBoundsEveryTaskTogetherAndTheLeastRecentlyUsedSessionMakesRoom() {
        // Given a budget of three sessions shared by two tasks
        StateMemory memory = new StateMemory(300);
        DecodedSessions a = new DecodedSessions(memory, 100);
        DecodedSessions b = new DecodedSessions(memory, 100);
        a.keep("a1", state());
        a.keep("a2", state());
        b.keep("b1", state());
        assertThat(memory.used()).isEqualTo(300);

        // When task a keeps a third session after using its first again
        assertThat(a.get("a1")).isNotNull();
        a.keep("a3", state());

        // Then its least recently used session made room, and the budget holds
        assertThat(a.get("a2")).isNull();
        assertThat(a.get("a1")).isNotNull();
        assertThat(a.get("a3")).isNotNull();
        assertThat(memory.used()).isEqualTo(300);

        // and a task with nothing of its own to give keeps nothing beyond the budget
        b.keep("b1", state()); // already kept: replaced, no new bytes
        DecodedSessions c = new DecodedSessions(memory, 100);
        c.keep("c1", state());
        assertThat(c.get("c1")).isNull();
        assertThat(memory.used()).isEqualTo(300);
    }

    @Test
    void droppingAndClearingGiveTheBytesBack() {
        StateMemory memory = new StateMemory(1_000);
        DecodedSessions task = new DecodedSessions(memory, 100);
        for (int i = 0; i < 5; i++) {
            task.keep("s" + i, state());
        }
        task.drop("s0");
        task.drop("unknown");
        assertThat(memory.used()).isEqualTo(400);
        assertThat(task.size()).isEqualTo(4);

        task.clear(); // the task was closed, revoked or failed

        assertThat(memory.used()).isZero();
        assertThat(task.get("s1")).isNull();
    }

    @Test
    void aZeroBudgetKeepsNothing() {
        DecodedSessions task = new DecodedSessions(new StateMemory(0), 100);
        task.keep("s", state());
        assertThat(task.get("s")).isNull();
        assertThat(task.size()).isZero();
    }
}
