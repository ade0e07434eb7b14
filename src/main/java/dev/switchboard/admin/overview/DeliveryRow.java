package dev.switchboard.admin.overview;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One delivery (a Novu call a matched rule makes) as the overview lists it. */
public record DeliveryRow(
        Instant createdAt,
        String ruleKey,
        int ruleVersion,
        String actionType,
        String method,
        String path,
        @Nullable String userId,
        String status,
        @Nullable String lastError) {}
