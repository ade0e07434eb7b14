package dev.switchboard.web;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Boot's error attributes plus the request's correlation id ({@code requestId}), for the error pages and the
 * JSON error body: the 5xx page shows it so a user can quote it and the operator find it in the log.
 */
@Component
class RequestIdErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object id = request.getAttribute(RequestIdFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (id instanceof String requestId) {
            attributes.put(RequestIdFilter.KEY, requestId);
        }
        return attributes;
    }
}
