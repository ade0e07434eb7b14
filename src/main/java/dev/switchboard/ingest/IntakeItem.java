package dev.switchboard.ingest;

/** One message of a request after validation: accepted or rejected. */
sealed interface IntakeItem permits AcceptedMessage, RejectedMessage {

    int index();

    String messageId();
}
