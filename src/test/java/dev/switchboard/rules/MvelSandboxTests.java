package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvelSandboxTests {

    private static final String MARKER = "switchboard.sandbox.escaped";
    private static final String ORDER = "track-order-completed";

    @TempDir
    Path temp;

    @AfterEach
    void clearMarker() {
        System.clearProperty(MARKER);
    }

    private static List<RuleProblem> refusals(String expression) {
        return refusals(expression, TestRules.compiler());
    }

    private static List<RuleProblem> refusals(String expression, RuleCompiler compiler) {
        try {
            compiler.compile(rule(expression), 1);
            return List.of();
        } catch (InvalidRuleException e) {
            return e.problems();
        }
    }

    private static tools.jackson.databind.JsonNode rule(String expression) {
        var json = (tools.jackson.databind.node.ObjectNode) TestRules.rule("r", "{}");
        ((tools.jackson.databind.node.ObjectNode) json.get("when")).put("expression", expression);
        return json;
    }

    private static String refusal(String expression) {
        List<RuleProblem> problems = refusals(expression);
        assertThat(problems).as(expression).hasSize(1);
        assertThat(problems.get(0).location()).isEqualTo("when.expression");
        return problems.get(0).message();
    }

    private static RuleOutcome run(String expression, Map<String, Object> message) {
        return TestRules.compiler().compile(rule(expression), 1).evaluate(message, false);
    }

    private static boolean holds(String expression) {
        RuleOutcome outcome = run(expression, TestRules.message(ORDER));
        assertThat(outcome.error()).as(expression).isNull();
        return outcome.matched();
    }

    @Test
    void allowsPropertyAccessComparisonAndBooleanLogic() {
        assertThat(holds("properties.total > 20 && context.traits.email != null"))
                .isTrue();
        assertThat(holds("properties.total > 200 || properties.currency == 'EUR'"))
                .isTrue();
        assertThat(holds("!(properties.total > 20)")).isFalse();
        assertThat(holds("properties['order_id'] == 'o-5001'")).isTrue();
        assertThat(holds("properties.products[1].quantity * 2 == 4")).isTrue();
        assertThat(holds("-properties.discount <= 0 && properties.total - properties.subtotal > 12.4"))
                .isTrue();
        assertThat(holds("(properties.total > 100 ? 'big' : 'small') == 'big'")).isTrue();
        assertThat(holds("properties.missing == null")).isTrue();
        assertThat(holds("groupId == null && type == 'track'")).isTrue();
        assertThat(holds("context.missing.deeper == null")).isTrue();
    }

    @Test
    void allowsStringConcatenationAndAllowListedMethods() {
        assertThat(holds("'a' + properties.currency == 'aEUR'")).isTrue();
        assertThat(holds("event.startsWith('Order') && event.toLowerCase().endsWith('completed')"))
                .isTrue();
        assertThat(holds("context.traits.email.substring(context.traits.email.indexOf('@')) == '@hi.com'"))
                .isTrue();
        assertThat(holds("properties.products.size() == 2 && properties.containsKey('coupon')"))
                .isTrue();
        assertThat(holds("properties.products.get(0).get('sku').length() > 3")).isTrue();
        assertThat(holds("properties.total.intValue() == 114")).isTrue();
        assertThat(holds("event.equalsIgnoreCase('ORDER COMPLETED') && !event.trim().isEmpty()"))
                .isTrue();
    }

    @Test
    void refusesRuntimeExec() {
        assertThat(refusal("Runtime.getRuntime().exec('touch /tmp/pwned')")).contains("class references");
        assertThat(refusal("java.lang.Runtime.getRuntime().exec('id')"))
                .contains("column 1")
                .contains("class");
    }

    @Test
    void refusesProcessBuilder() {
        assertThat(refusal("new ProcessBuilder('id').start()"))
                .contains("column 1")
                .contains("new");
        assertThat(refusal("ProcessBuilder")).contains("class references");
    }

    @Test
    void refusesReflection() {
        assertThat(refusal("Class.forName('java.lang.Runtime')")).contains("reflection");
        assertThat(refusal("properties.getClass().getClassLoader()")).contains("reflection");
        assertThat(refusal("event.getClass()")).contains("column 7").contains("reflection");
        assertThat(refusal("properties.class")).contains("reflection");
        assertThat(refusal("forName('x')")).contains("reflection");
    }

    @Test
    void refusesSystemAndThread() {
        assertThat(refusal("System.getenv('HOME') != null")).contains("class references are not allowed (System)");
        assertThat(refusal("System.exit(1)")).contains("class references");
        assertThat(refusal("System.setProperty('" + MARKER + "', 'yes')")).contains("class references");
        assertThat(refusal("Thread.sleep(10000)")).contains("class references");
        assertThat(System.getProperty(MARKER)).isNull();
    }

    @Test
    void refusesFileAccess() throws Exception {
        Path target = temp.resolve("escaped.txt");
        assertThat(refusal("new java.io.File('" + target + "').createNewFile()"))
                .contains("new");
        assertThat(refusal("java.nio.file.Files.createFile(java.nio.file.Paths.get('" + target + "'))"))
                .contains("class references");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void refusesLoopsAndFunctions() {
        assertThat(refusal("while (true) {}")).contains("loops");
        assertThat(refusal("for (x : properties.products) { 1 }")).contains("loops");
        assertThat(refusal("foreach (x : properties.products) { 1 }")).contains("loops");
        assertThat(refusal("do { 1 } while (true)")).contains("loops");
        assertThat(refusal("until (false) { 1 }")).contains("loops");
        assertThat(refusal("def f() { f() }; f()")).contains("function definitions");
        assertThat(refusal("function f() { f() }")).contains("function definitions");
    }

    @Test
    void refusesNewImportsAssignmentAndBlocks() {
        assertThat(refusal("new java.util.ArrayList()")).contains("new");
        assertThat(refusal("import java.io.File; 1")).contains("imports");
        assertThat(refusal("x = 1")).contains("assignment");
        assertThat(refusal("properties.total = 1")).contains("column 18").contains("assignment");
        assertThat(refusal("properties.total += 1")).contains("assignment");
        assertThat(refusal("properties.total++")).contains("assignment");
        assertThat(refusal("properties.total > 1; true")).contains("one expression");
        assertThat(refusal("with (properties) { total = 1 }")).contains("with");
        assertThat(refusal("if (true) { 1 }")).contains("ternary");
        assertThat(refusal("@{properties.total}")).contains("interceptors");
        assertThat(refusal("[1, 2].size() > 0")).contains("inline lists");
        assertThat(refusal("(x in properties.products)")).isNotEmpty();
    }

    @Test
    void refusesStaticReferencesAndUnknownIdentifiers() {
        assertThat(refusal("Math.max(1, 2) > 0")).contains("class references are not allowed (Math)");
        assertThat(refusal("Integer.MAX_VALUE > 0")).contains("class references");
        assertThat(refusal("total > 20")).contains("\"total\" is not a message variable");
        assertThat(refusal("this.properties")).contains("message fields");
    }

    @Test
    void refusesMethodsOutsideTheAllowList() {
        assertThat(refusal("event.getBytes().length > 0")).contains("getBytes() is not allowed");
        assertThat(refusal("event.matches('.*')")).contains("matches() is not allowed");
        assertThat(refusal("properties.put('x', 1)")).contains("put() is not allowed");
        assertThat(refusal("properties.products.clear()")).contains("clear() is not allowed");
        assertThat(refusal("event.repeat(1000000000)")).contains("repeat() is not allowed");
    }

    @Test
    void readingThroughAMissingFieldGivesNullButAMissingListElementIsAnError() {
        assertThat(holds("traits.email == null && context.traits.missing.deeper == null"))
                .isTrue();
        assertThat(run("properties.products[5] == null", TestRules.message(ORDER))
                        .error())
                .contains("out of bounds");
    }

    @Test
    void fieldsAreReadAsMapLookupsNeverAsBeanProperties() {
        assertThat(holds("properties.empty == null")).isTrue();
        RuleOutcome bytes = run("event.bytes != null", TestRules.message(ORDER));
        assertThat(bytes.status()).isEqualTo(RuleOutcome.Status.ERROR);
    }

    @Test
    void reportsSyntaxErrorsWithTheirColumn() {
        assertThat(refusal("properties.total >")).contains("column 19").contains("end of expression");
        assertThat(refusal("(properties.total > 1")).contains("expected )");
        assertThat(refusal("'unclosed")).contains("not closed");
        assertThat(refusal("")).contains("empty");
    }

    @Test
    void switchedOffMvelRefusesEveryExpression() {
        RuleCompiler off = new RuleCompiler(new TestRules.StubActions(), MvelSettings.OFF);
        assertThat(refusals("properties.total > 20", off))
                .extracting(RuleProblem::location, RuleProblem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "when.expression",
                                "advanced expressions (MVEL) are switched off on this installation (an admin can switch them on in Settings)"));
        assertThat(off.compile(TestRules.rule("plain", "{'type': ['track']}"), 1))
                .isNotNull();
    }

    @Test
    void anExpressionOverItsTimeBudgetFailsTheRule() {
        AtomicLong now = new AtomicLong();
        var compiler =
                new RuleCompiler(new TestRules.StubActions(), MvelSettings.ON, () -> now.addAndGet(1_000_000_000L));
        CompiledRule rule = compiler.compile(rule("properties.total > 20"), 1);
        RuleOutcome outcome = rule.evaluate(TestRules.message(ORDER), false);
        assertThat(outcome.status()).isEqualTo(RuleOutcome.Status.ERROR);
        assertThat(outcome.error()).contains("time budget");
    }

    @Test
    void anExpressionThatGivesNoBooleanIsAnError() {
        RuleOutcome outcome = run("properties.currency", TestRules.message(ORDER));
        assertThat(outcome.status()).isEqualTo(RuleOutcome.Status.ERROR);
        assertThat(outcome.error()).contains("true or false");
        assertThat(run("properties.missing", TestRules.message(ORDER)).status())
                .isEqualTo(RuleOutcome.Status.NOT_MATCHED);
    }

    @Test
    void anExpressionCannotChangeTheMessage() {
        assertThat(refusal("properties.remove('total') == null")).contains("remove() is not allowed");
        Map<String, Object> message = TestRules.message(ORDER);
        run("properties.get('total') != null && properties.products.get(0).containsKey('sku')", message);
        assertThat(message).isEqualTo(TestRules.message(ORDER));
    }
}
