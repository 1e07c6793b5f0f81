package dev.curfew.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditChainTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void linkPlacesTheDraftAfterThePreviousHash() {
        AuditEntry entry = AuditChain.link(draft(0), 7, "ab".repeat(32));

        assertThat(entry.seq()).isEqualTo(7);
        assertThat(entry.prevHash()).isEqualTo("ab".repeat(32));
        assertThat(entry.hash()).hasSize(64).isEqualTo(AuditChain.hash(entry)).isNotEqualTo(AuditChain.GENESIS);
        assertThat(entry.detail()).isEqualTo(draft(0).detail());
    }

    @Test
    void intactChainVerifies() {
        assertThat(AuditChain.verify(chain(5).iterator())).isEmpty();
        assertThat(AuditChain.verify(List.<AuditEntry>of().iterator())).isEmpty();
    }

    static Stream<String> contentFields() {
        return Stream.of(
                "realmId",
                "at",
                "actorId",
                "actorUsername",
                "privilege",
                "action",
                "reason",
                "detail",
                "affected",
                "requestId",
                "sourceIp");
    }

    @ParameterizedTest
    @MethodSource("contentFields")
    void changingAnyFieldBreaksTheChainAtThatEntry(String field) {
        List<AuditEntry> entries = chain(5);
        entries.set(2, with(entries.get(2), field, changed(component(entries.get(2), field))));

        assertThat(AuditChain.verify(entries.iterator()))
                .contains(new AuditChain.Break(3, "entry 3 was altered: its content does not match its hash"));
    }

    @ParameterizedTest
    @MethodSource("contentFields")
    void changingAFieldAndRehashingTheEntryBreaksTheLinkOfTheNext(String field) {
        List<AuditEntry> entries = chain(5);
        AuditEntry altered = with(entries.get(2), field, changed(component(entries.get(2), field)));
        entries.set(2, with(altered, "hash", AuditChain.hash(altered)));

        assertThat(AuditChain.verify(entries.iterator()))
                .contains(new AuditChain.Break(4, "entry 4 does not link to the previous entry's hash"));
    }

    @Test
    void replacingAnEntrysHashIsDetected() {
        List<AuditEntry> entries = chain(3);
        entries.set(1, with(entries.get(1), "hash", "f".repeat(64)));

        assertThat(AuditChain.verify(entries.iterator()))
                .map(AuditChain.Break::seq)
                .contains(2L);
    }

    @Test
    void relinkingAnEntryToAnotherPreviousHashIsDetected() {
        List<AuditEntry> entries = chain(3);
        entries.set(1, with(entries.get(1), "prevHash", AuditChain.GENESIS));

        assertThat(AuditChain.verify(entries.iterator()))
                .contains(new AuditChain.Break(2, "entry 2 does not link to the previous entry's hash"));
    }

    @Test
    void removingAnEntryNamesTheMissingPosition() {
        List<AuditEntry> entries = chain(5);
        entries.remove(2);

        assertThat(AuditChain.verify(entries.iterator()))
                .contains(new AuditChain.Break(3, "entry 3 is missing (next present is 4)"));
    }

    @Test
    void removingTheFirstEntryIsDetected() {
        List<AuditEntry> entries = chain(3);
        entries.removeFirst();

        assertThat(AuditChain.verify(entries.iterator()))
                .contains(new AuditChain.Break(1, "entry 1 is missing (next present is 2)"));
    }

    @Test
    void reorderingEntriesIsDetected() {
        List<AuditEntry> entries = chain(5);
        AuditEntry third = entries.get(2);
        entries.set(2, entries.get(3));
        entries.set(3, third);

        assertThat(AuditChain.verify(entries.iterator()))
                .contains(new AuditChain.Break(3, "entry 3 is missing (next present is 4)"));
    }

    @Test
    void swappingContentsButKeepingThePositionsIsDetected() {
        List<AuditEntry> entries = chain(5);
        AuditEntry third = entries.get(2);
        AuditEntry fourth = entries.get(3);
        entries.set(2, with(with(fourth, "seq", 3L), "prevHash", third.prevHash()));
        entries.set(3, with(with(third, "seq", 4L), "prevHash", entries.get(2).hash()));

        assertThat(AuditChain.verify(entries.iterator()))
                .map(AuditChain.Break::seq)
                .contains(3L);
    }

    /** Fields are length-prefixed, so moving text from one field into the next changes the hash. */
    @Test
    void textMovedBetweenAdjacentFieldsChangesTheHash() {
        AuditEntry original = AuditChain.link(draft(0), 1, AuditChain.GENESIS);
        AuditEntry moved = with(
                with(original, "reason", original.reason() + "{"),
                "detail",
                original.detail().substring(1));

        assertThat(original.reason() + original.detail()).isEqualTo(moved.reason() + moved.detail());
        assertThat(AuditChain.hash(moved)).isNotEqualTo(original.hash());
    }

    private static List<AuditEntry> chain(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int i = 1; i <= length; i++) {
            AuditEntry entry = AuditChain.link(draft(i), i, previous);
            entries.add(entry);
            previous = entry.hash();
        }
        return entries;
    }

    private static AuditEntry draft(int n) {
        return AuditEntry.draft(
                "realm-1",
                T0.plusSeconds(n),
                "admin-id",
                "admin",
                "sign-out",
                "sign-out",
                "incident " + n,
                "{\"userId\":\"u-" + n + "\"}",
                n,
                "req-" + n,
                "192.0.2.1");
    }

    private static Object component(AuditEntry entry, String name) {
        try {
            return AuditEntry.class.getMethod(name).invoke(entry);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object changed(Object value) {
        return switch (value) {
            case String s -> s + "x";
            case Long l -> l + 1;
            case Instant i -> i.plusMillis(1);
            default -> throw new AssertionError("no change defined for " + value);
        };
    }

    /** A copy of the entry with one component replaced, whatever its name. */
    private static AuditEntry with(AuditEntry entry, String name, Object value) {
        RecordComponent[] components = AuditEntry.class.getRecordComponents();
        Object[] values = new Object[components.length];
        boolean replaced = false;
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(entry);
                if (components[i].getName().equals(name)) {
                    values[i] = value;
                    replaced = true;
                }
            }
            assertThat(replaced).as("component " + name + " exists").isTrue();
            Constructor<AuditEntry> constructor = AuditEntry.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
