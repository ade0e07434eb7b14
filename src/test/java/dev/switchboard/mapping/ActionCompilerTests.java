package dev.switchboard.mapping;

import static dev.switchboard.mapping.MappingFixtures.json;
import static dev.switchboard.mapping.MappingFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionCompilerTests {

    @Test
    void reportsEveryProblemAtOnceWithItsLocation() {
        List<MappingProblem> problems = problems("""
                [
                  {"type": "trigger", "workflowId": {"@pth": "$.x"}, "to": {"email": "a@b.c"}, "colour": "red"},
                  {"type": "trigger", "workflowId": "w", "to": {"subscriberId": {"@path": "userId"}}},
                  {"type": "sendd"},
                  {"type": "identify", "email": {"a": 1}, "data": "text", "delay": "2 hours"},
                  {"type": "add_to_topic", "subscriberId": {}},
                  {"workflowId": "w"},
                  "trigger"
                ]
                """);
        assertThat(problems)
                .extracting(MappingProblem::location)
                .containsExactlyInAnyOrder(
                        "actions[0].colour",
                        "actions[0].workflowId.@pth",
                        "actions[0].to.subscriberId",
                        "actions[1].to.subscriberId.@path",
                        "actions[2].type",
                        "actions[3].delay",
                        "actions[3].subscriberId",
                        "actions[3].email",
                        "actions[3].data",
                        "actions[4].topicKey",
                        "actions[4].subscriberId",
                        "actions[5].type",
                        "actions[6]");
    }

    @Test
    void unknownTypeListsTheValidOnes() {
        assertThat(problems("[{\"type\": \"sendd\"}]"))
                .singleElement()
                .satisfies(problem -> assertThat(problem.message())
                        .contains(
                                "sendd",
                                "trigger",
                                "identify",
                                "delete_subscriber",
                                "add_to_topic",
                                "remove_from_topic",
                                "cancel"));
    }

    @Test
    void unknownFieldListsTheFieldsOfThatType() {
        assertThat(problems("[{\"type\": \"delete_subscriber\", \"subscriberId\": \"u\", \"topicKey\": \"t\"}]"))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.location()).isEqualTo("actions[0].topicKey");
                    assertThat(problem.message()).contains("subscriberId", "delay");
                });
    }

    @Test
    void missingRequiredFieldsAreProblems() {
        assertThat(problems("[{\"type\": \"trigger\"}]"))
                .extracting(MappingProblem::location)
                .containsExactlyInAnyOrder("actions[0].workflowId", "actions[0].to");
    }

    @Test
    void literalsOfTheWrongTypeAreProblems() {
        assertThat(problems("""
                        [{"type": "trigger", "workflowId": true, "to": "user-1", "payload": [1],
                          "overrides": "x", "actor": [1], "tenant": 5, "transactionId": {"a": 1}}]
                        """))
                .extracting(MappingProblem::location)
                .containsExactlyInAnyOrder(
                        "actions[0].workflowId",
                        "actions[0].to",
                        "actions[0].payload",
                        "actions[0].overrides",
                        "actions[0].actor",
                        "actions[0].tenant",
                        "actions[0].transactionId");
    }

    @Test
    void emptyLiteralIdIsAProblem() {
        assertThat(problems("[{\"type\": \"delete_subscriber\", \"subscriberId\": \"\"}]"))
                .extracting(MappingProblem::location)
                .containsExactly("actions[0].subscriberId");
    }

    @Test
    void cancelTakesExactlyOneForm() {
        assertThat(problems("[{\"type\": \"cancel\"}]"))
                .extracting(MappingProblem::location)
                .containsExactly("actions[0]");
        assertThat(problems(
                        "[{\"type\": \"cancel\", \"transactionId\": \"t\", \"rule\": \"r\", \"within\": \"PT1H\"}]"))
                .extracting(MappingProblem::location)
                .containsExactly("actions[0]");
        assertThat(problems("[{\"type\": \"cancel\", \"rule\": \"r\"}]"))
                .extracting(MappingProblem::location)
                .containsExactly("actions[0].within");
        assertThat(problems("[{\"type\": \"cancel\", \"within\": \"PT1H\"}]"))
                .extracting(MappingProblem::location)
                .containsExactly("actions[0].rule");
        assertThat(problems("[{\"type\": \"cancel\", \"rule\": {\"@path\": \"$.r\"}, \"within\": \"soon\"}]"))
                .extracting(MappingProblem::location)
                .containsExactlyInAnyOrder("actions[0].rule", "actions[0].within");
    }

    @Test
    void literalDelayMustBeAnIsoDuration() {
        assertThat(problems("[{\"type\": \"delete_subscriber\", \"subscriberId\": \"u\", \"delay\": \"PT2H\"}]"))
                .isEmpty();
        assertThat(problems("[{\"type\": \"delete_subscriber\", \"subscriberId\": \"u\", \"delay\": \"P1D\"}]"))
                .isEmpty();
        assertThat(problems("[{\"type\": \"delete_subscriber\", \"subscriberId\": \"u\", \"delay\": 7200}]"))
                .extracting(MappingProblem::location)
                .containsExactly("actions[0].delay");
        assertThat(problems("[{\"type\": \"delete_subscriber\", \"subscriberId\": \"u\", \"delay\": \"-PT1H\"}]"))
                .extracting(MappingProblem::message)
                .singleElement()
                .asString()
                .contains("negative");
    }

    @Test
    void actionsMustBeANonEmptyArray() {
        List<MappingProblem> problems = new ArrayList<>();
        assertThat(new ActionCompiler().compile(json("[]"), "rules[2].actions", problems))
                .isEmpty();
        assertThat(new ActionCompiler().compile(json("{}"), "rules[2].actions", problems))
                .isEmpty();
        assertThat(problems).extracting(MappingProblem::location).containsOnly("rules[2].actions");
        assertThat(problems).hasSize(2);
    }

    @Test
    void definitionIsTheActionAsWritten() {
        String written = "{\"type\":\"add_to_topic\",\"topicKey\":\"vip\",\"subscriberId\":{\"@path\":\"$.userId\"}}";
        CompiledAction action = MappingFixtures.action(written);
        assertThat(action.type()).isEqualTo(ActionType.ADD_TO_TOPIC);
        assertThat(action.definition()).isEqualTo(json(written));
        action.definition().deepCopy();
        assertThat(action.definition()).isNotSameAs(action.definition());
    }
}
