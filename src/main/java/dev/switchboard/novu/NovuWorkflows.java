package dev.switchboard.novu;

import java.util.List;

/**
 * The answer to listing the environment's workflows.
 *
 * @param result the call classified like any other: {@code delivered()} when Novu answered 2xx, otherwise its
 *     {@code reason} says why not (timeout, 401, ...)
 * @param workflows the workflows Novu listed; empty when the call failed
 */
public record NovuWorkflows(NovuResult result, List<NovuWorkflow> workflows) {}
