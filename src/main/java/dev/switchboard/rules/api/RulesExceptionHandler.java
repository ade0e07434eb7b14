package dev.switchboard.rules.api;

import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.RuleConflictException;
import dev.switchboard.rules.RuleNotFoundException;
import dev.switchboard.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Rule API errors as RFC 9457 problems; an invalid rule lists every problem with its location. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackages = {"dev.switchboard.rules", "dev.switchboard.simulation"})
class RulesExceptionHandler {

    @ExceptionHandler
    ProblemDetail invalid(InvalidRuleException e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "invalid-rule",
                "Invalid rule",
                e.problems().size() + " problem(s) in the rule; nothing was saved.");
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(RuleNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "rule-not-found", "Rule not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(RuleConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "rule-conflict", "Conflict", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail forbidden(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }
}
