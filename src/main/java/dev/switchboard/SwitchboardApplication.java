package dev.switchboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SwitchboardApplication {

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        poolCompletionsOnSmallMachines();
        SpringApplication.run(SwitchboardApplication.class, args);
    }

    /**
     * The JDK HTTP client (under Spring's {@code RestClient}, which calls Novu) completes every asynchronous
     * exchange through {@code CompletableFuture}'s default executor. With 2 CPUs or fewer the common pool gets a
     * parallelism of 1, and that executor then starts a new thread per task: one thread started and ended for
     * every call to Novu. With a parallelism of 2 it is the common pool, whose threads are reused. Set before
     * anything touches the pool; a value given on the command line wins.
     */
    public static void poolCompletionsOnSmallMachines() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null
                && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }
}
