package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTests {

    /** Stands in for the database: records each transaction, can hold the writer in one, can refuse a write. */
    private final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());

    private final CountDownLatch insideFirst = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    private final GroupCommit<String, String> commits =
            new GroupCommit<>("test-writer", this::storeAll, this::storeAlone, write -> 1, 3);

    private List<String> storeAll(List<String> writes) {
        if (writes.contains("refused")) {
            throw new IllegalArgumentException("value too long");
        }
        transactions.add(List.copyOf(writes));
        return writes.stream().map(w -> "stored " + w).toList();
    }

    private String storeAlone(String write) {
        if (write.equals("slow")) {
            insideFirst.countDown();
            await().until(() -> releaseFirst.getCount() == 0);
        }
        if (write.equals("refused")) {
            throw new IllegalArgumentException("value too long");
        }
        transactions.add(List.of(write));
        return "stored " + write;
    }

    @AfterEach
    void stop() {
        releaseFirst.countDown();
        commits.stop();
        callers.shutdownNow();
    }

    private Future<String> submit(String write) {
        return callers.submit(() -> commits.store(write));
    }

    @Test
    void startsAgainAfterAStopAsSpringRestartsAndPausesContexts() throws Exception {
        commits.start();
        assertThat(submit("before").get(10, TimeUnit.SECONDS)).isEqualTo("stored before");
        commits.stop();
        commits.start();

        assertThat(commits.isRunning()).isTrue();
        assertThat(submit("after").get(10, TimeUnit.SECONDS)).isEqualTo("stored after");
    }

    @Test
    void writesThatQueueWhileTheWriterIsBusyShareOneTransaction() throws Exception {
        commits.start();
        Future<String> slow = submit("slow");
        assertThat(insideFirst.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> waiting = List.of(submit("a"), submit("b"));
        await().until(() -> commits.queued() == 2);
        releaseFirst.countDown();

        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("stored slow");
        assertThat(waiting.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("stored a");
        assertThat(waiting.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("stored b");
        assertThat(transactions).hasSize(2).contains(List.of("slow"));
        assertThat(transactions.get(1)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aGroupIsCappedAtItsWeightAndEveryWriteIsStoredOnce() throws Exception {
        commits.start();
        Future<String> slow = submit("slow");
        assertThat(insideFirst.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> waiting = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            waiting.add(submit("w" + i));
        }
        await().until(() -> commits.queued() == 7);
        releaseFirst.countDown();

        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("stored slow");
        for (int i = 0; i < 7; i++) {
            assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("stored w" + i);
        }
        assertThat(transactions).hasSize(4).allSatisfy(t -> assertThat(t).hasSizeLessThanOrEqualTo(3));
        assertThat(transactions.stream().flatMap(List::stream))
                .containsExactlyInAnyOrder("slow", "w0", "w1", "w2", "w3", "w4", "w5", "w6");
    }

    @Test
    void writesWithinTheGatherWaitShareAGroupThatIsStoredOnceFull() throws Exception {
        // A wait far longer than the test: the group is stored because it is full, not because the wait ran out.
        var gathering = new GroupCommit<String, String>(
                "gathering-writer", this::storeAll, this::storeAlone, write -> 1, 3, Duration.ofMinutes(5), false, 1);
        gathering.start();
        try {
            Future<String> first = callers.submit(() -> gathering.store("first"));
            // The writer holds the first write while it waits for more to join it.
            await().until(() -> gathering.queued() == 0 && !first.isDone());
            Future<String> second = callers.submit(() -> gathering.store("second"));
            Future<String> third = callers.submit(() -> gathering.store("third"));

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("stored first");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("stored second");
            assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("stored third");
            assertThat(transactions).hasSize(1);
            assertThat(transactions.get(0)).containsExactlyInAnyOrder("first", "second", "third");
        } finally {
            gathering.stop();
        }
    }

    @Test
    void gatheringUnderLoadOnlyStoresALoneWriteAtOnceAndGroupsWritesThatFollowClosely() throws Exception {
        // A wait far longer than the test: were the lone write held for it, the first get would time out.
        var underLoad = new GroupCommit<String, String>(
                "under-load-writer", this::storeAll, this::storeAlone, write -> 1, 3, Duration.ofMinutes(5), true, 1);
        underLoad.start();
        try {
            assertThat(callers.submit(() -> underLoad.store("alone")).get(10, TimeUnit.SECONDS))
                    .isEqualTo("stored alone");

            // The next write comes well within the wait after it: writes are coming, so it waits for company.
            Future<String> first = callers.submit(() -> underLoad.store("first"));
            await().until(() -> underLoad.queued() == 0 && !first.isDone());
            Future<String> second = callers.submit(() -> underLoad.store("second"));
            Future<String> third = callers.submit(() -> underLoad.store("third"));

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("stored first");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("stored second");
            assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("stored third");
            assertThat(transactions).hasSize(2);
            assertThat(transactions.get(0)).containsExactly("alone");
            assertThat(transactions.get(1)).containsExactlyInAnyOrder("first", "second", "third");
        } finally {
            underLoad.stop();
        }
    }

    @Test
    void withTwoWritersOneStoresWhileTheOtherIsStillInItsTransaction() throws Exception {
        var twoWriters = new GroupCommit<String, String>(
                "two-writers", this::storeAll, this::storeAlone, write -> 1, 3, Duration.ZERO, false, 2);
        twoWriters.start();
        try {
            Future<String> slow = callers.submit(() -> twoWriters.store("slow"));
            assertThat(insideFirst.await(10, TimeUnit.SECONDS)).isTrue();

            // The first writer is held inside its transaction; the second one takes these meanwhile.
            assertThat(callers.submit(() -> twoWriters.store("a")).get(10, TimeUnit.SECONDS))
                    .isEqualTo("stored a");
            assertThat(callers.submit(() -> twoWriters.store("b")).get(10, TimeUnit.SECONDS))
                    .isEqualTo("stored b");
            assertThat(slow).isNotDone();

            releaseFirst.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("stored slow");
            assertThat(transactions).containsExactly(List.of("a"), List.of("b"), List.of("slow"));
        } finally {
            twoWriters.stop();
        }
    }

    @Test
    void aRefusedWriteFailsOnlyItsOwnCaller() throws Exception {
        commits.start();
        Future<String> slow = submit("slow");
        assertThat(insideFirst.await(10, TimeUnit.SECONDS)).isTrue();
        Future<String> good = submit("good");
        Future<String> refused = submit("refused");
        await().until(() -> commits.queued() == 2);
        releaseFirst.countDown();

        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("stored slow");
        assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("stored good");
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("value too long");
        assertThat(transactions.stream().flatMap(List::stream)).containsExactlyInAnyOrder("slow", "good");
    }

    @Test
    void beforeStartAndAfterStopTheCallerStoresItsOwnWrite() throws Exception {
        assertThat(commits.store("early")).isEqualTo("stored early");
        commits.start();
        assertThat(commits.store("running")).isEqualTo("stored running");
        commits.stop();
        assertThat(commits.store("late")).isEqualTo("stored late");
        assertThat(transactions).containsExactly(List.of("early"), List.of("running"), List.of("late"));
    }

    @Test
    void aSubmittedWriteReturnsAtOnceAndItsFutureCompletesWhenItsTransactionCommitted() throws Exception {
        commits.start();
        Future<String> slow = submit("slow");
        assertThat(insideFirst.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> handedOver = commits.submit("later");
        CompletableFuture<String> refused = commits.submit("refused");

        // The writer is still held in the first transaction: nothing of these two is stored yet.
        assertThat(handedOver).isNotDone();
        assertThat(refused).isNotDone();
        releaseFirst.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("stored slow");
        assertThat(handedOver.get(10, TimeUnit.SECONDS)).isEqualTo("stored later");
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(transactions).containsExactly(List.of("slow"), List.of("later"));
    }

    @Test
    void afterAStopASubmittedWriteIsStoredBeforeSubmitReturns() {
        commits.start();
        commits.stop();

        CompletableFuture<String> late = commits.submit("late");
        CompletableFuture<String> refused = commits.submit("refused");

        assertThat(late).isCompletedWithValue("stored late");
        assertThat(refused).isCompletedExceptionally();
        assertThat(transactions).containsExactly(List.of("late"));
    }
}
