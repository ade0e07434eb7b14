package dev.switchboard.support;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Novu's API as its OpenAPI 3.0 description states it ({@code src/test/resources/contracts/novu-openapi.json}):
 * checks that a request we would send (method, concrete path, JSON body) is one Novu defines, with a body valid
 * against that operation's request-body schema ({@code $ref}s resolved, OpenAPI {@code nullable} understood).
 *
 * <p>Knows nothing of Switchboard's types so the mapping tests and the fake Novu server can share it. The
 * document is loaded once per JVM; instances are thread-safe.
 */
public final class NovuContract {

    private static final String RESOURCE = "contracts/novu-openapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Operation> operations;
    /**
     * Operations without path parameters by "method path": a trigger or an upsert is found with one lookup. The
     * fake Novu checks every request a load run sends, and trying each of Novu's operations' patterns in turn was
     * a tenth of its CPU, on the cores Switchboard is measured on.
     */
    private final Map<String, Operation> fixedPaths;
    /**
     * OpenAPI 3.0 plus the SDK generator's vendor keywords, declared so they are known annotations instead of
     * a warning per schema.
     */
    private static final Dialect DIALECT = Dialect.builder(Dialects.getOpenApi30())
            .keyword(new AnnotationKeyword("x-speakeasy-name-override"))
            .keyword(new AnnotationKeyword("x-speakeasy-unknown-values"))
            .keyword(new AnnotationKeyword("x-speakeasy-example"))
            .build();

    private final SchemaRegistry schemas = SchemaRegistry.withDialect(DIALECT);
    private final Map<String, Schema> bodySchemas = new ConcurrentHashMap<>();

    private NovuContract(JsonNode document) {
        this.operations = operations(document);
        this.fixedPaths = operations.stream()
                .filter(operation -> operation.parameterCount() == 0)
                .collect(Collectors.toUnmodifiableMap(
                        operation -> operation.method() + " " + operation.template(), operation -> operation));
    }

    /** The contract, loaded on first use. */
    public static NovuContract get() {
        return Holder.INSTANCE;
    }

    /**
     * Everything wrong with the request by Novu's description, empty when it is valid.
     *
     * @param method HTTP method, any case
     * @param path concrete path without query, e.g. {@code /v2/topics/vip/subscriptions}
     * @param body the JSON body as sent, or {@code null} when there is none
     */
    public List<String> violations(String method, String path, @Nullable String body) {
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty()) {
            return List.of("Novu has no operation " + method.toUpperCase(Locale.ROOT) + " " + path);
        }
        Operation operation = found.get();
        if (operation.bodyPointer() == null) {
            return body == null || body.isBlank()
                    ? List.of()
                    : List.of(operation + " takes no body, but one was given");
        }
        if (body == null || body.isBlank()) {
            return operation.bodyRequired() ? List.of(operation + " requires a body") : List.of();
        }
        try {
            JSON.readTree(body);
        } catch (JacksonException e) {
            return List.of("the body is not JSON: " + e.getOriginalMessage());
        }
        Schema schema = bodySchemas.computeIfAbsent(
                operation.bodyPointer(),
                pointer -> schemas.getSchema(SchemaLocation.of("classpath:" + RESOURCE + "#" + pointer)));
        List<String> violations = new ArrayList<>();
        for (Error error : schema.validate(body, InputFormat.JSON)) {
            violations.add(operation + ": " + error);
        }
        return violations;
    }

    /** The path template an operation is declared under ({@code /v2/topics/{topicKey}/subscriptions}), if any. */
    public Optional<String> pathTemplate(String method, String path) {
        return operation(method, path).map(Operation::template);
    }

    /** The operation a concrete path belongs to: the most specific one (fewest parameters) when several match. */
    private Optional<Operation> operation(String method, String path) {
        String verb = method.toLowerCase(Locale.ROOT);
        Operation fixed = fixedPaths.get(verb + " " + path);
        if (fixed != null) {
            return Optional.of(fixed);
        }
        return operations.stream()
                .filter(operation -> operation.method().equals(verb) && operation.matches(path))
                .min(Comparator.comparingInt(Operation::parameterCount));
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode requestBody = method.getValue().get("requestBody");
                String pointer = null;
                boolean required = false;
                if (requestBody != null && requestBody.path("content").has("application/json")) {
                    pointer = "/paths/" + escape(path.getKey()) + "/" + method.getKey()
                            + "/requestBody/content/application~1json/schema";
                    required = requestBody.path("required").asBoolean(false);
                }
                operations.add(Operation.of(path.getKey(), method.getKey(), pointer, required));
            }
        }
        return List.copyOf(operations);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private record Operation(
            String template,
            String method,
            Pattern pattern,
            int parameterCount,
            @Nullable String bodyPointer,
            boolean bodyRequired) {

        static Operation of(String template, String method, @Nullable String bodyPointer, boolean required) {
            StringBuilder regex = new StringBuilder();
            int parameters = 0;
            for (String part : template.split("(?=\\{)|(?<=\\})")) {
                if (part.startsWith("{") && part.endsWith("}")) {
                    regex.append("[^/]+");
                    parameters++;
                } else {
                    regex.append(Pattern.quote(part));
                }
            }
            return new Operation(
                    template, method, Pattern.compile(regex.toString()), parameters, bodyPointer, required);
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + template;
        }
    }

    private static final class Holder {
        static final NovuContract INSTANCE = load();

        private static NovuContract load() {
            try (InputStream in = NovuContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the test classpath");
                }
                return new NovuContract(JSON.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
