package dev.switchboard.novu;

/**
 * One workflow of the connected Novu environment, as {@code GET /v2/workflows} lists it.
 *
 * @param workflowId what a trigger names ({@code name} of {@code POST /v1/events/trigger})
 * @param name the workflow's display name in Novu
 */
public record NovuWorkflow(String workflowId, String name) {}
