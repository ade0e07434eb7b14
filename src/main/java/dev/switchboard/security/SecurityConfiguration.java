package dev.switchboard.security;

import dev.switchboard.ingest.IngestProperties;
import dev.switchboard.ingest.WriteKeys;
import dev.switchboard.settings.RuntimeSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Four doors, each with its own lock: intake by write key or webhook signature; the JSON API by HTTP Basic (or
 * the session of a logged-in person, with CSRF); actuator health open, Prometheus for admins or the metrics
 * token, the rest for admins; pages by form login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain intake(
            HttpSecurity http,
            WriteKeys writeKeys,
            IngestProperties ingest,
            RuntimeSettings settings,
            JsonMapper json) {
        http.securityMatcher("/v1/**", "/webhooks/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                // A write key has no session to log out of: one filter fewer on every intake request. (The servlet
                // API integration stays: the controllers read the source as the request's Principal.)
                .logout(logout -> logout.disable())
                .addFilterBefore(new WriteKeyAuthenticationFilter(writeKeys, json), AuthorizationFilter.class)
                .addFilterBefore(new WebhookSignatureFilter(ingest, settings), AuthorizationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden()))
                // Managers of their own, without the role hierarchy of the pages: a source has no other roles to
                // reach, and RoleHierarchyImpl formats a debug message of the authorities on every call, which
                // commons-logging's SLF4J bridge builds even with debug off (about 4% of a /v1/track request).
                .authorizeHttpRequests(requests -> requests.requestMatchers("/webhooks/**")
                        .access(AuthorityAuthorizationManager.hasRole("SEGMENT_WEBHOOK"))
                        .anyRequest()
                        .access(AuthorityAuthorizationManager.hasRole("SOURCE")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, LoginThrottle throttle) {
        http.securityMatcher("/api/**")
                .httpBasic(basic -> basic.authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .authenticationDetailsSource(BasicLoginDetails::new))
                .addFilterBefore(new BasicLoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                // Automation sends Basic credentials and no cookie: nothing to forge, and a caller without a
                // session has no ambient authority to abuse (it gets 401, not a CSRF 403). A browser session
                // must still prove itself with the CSRF token on every change.
                .csrf(csrf -> csrf.ignoringRequestMatchers(carriesBasicCredentials(), hasNoSession()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden()))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.GET,
                                "/api/events/**",
                                "/api/rules/**",
                                "/api/audit/**",
                                "/api/stats/**",
                                "/api/deliveries/**")
                        .hasRole(Role.VIEWER.name())
                        // Sending a failed delivery again is an editor's call on the page and in the API alike.
                        .requestMatchers("/api/rules/**", "/api/deliveries/**")
                        .hasRole(Role.EDITOR.name())
                        .anyRequest()
                        .hasRole(Role.ADMIN.name()));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain actuator(HttpSecurity http, LoginThrottle throttle, MetricsProperties metrics) {
        if (metrics.token() != null && !metrics.token().isBlank()) {
            http.addFilterBefore(new MetricsTokenFilter(metrics.token()), AuthorizationFilter.class);
        }
        http.securityMatcher("/actuator/**")
                .httpBasic(basic -> basic.authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .authenticationDetailsSource(BasicLoginDetails::new))
                .addFilterBefore(new BasicLoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden()))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .hasAnyRole(Role.ADMIN.name(), MetricsTokenFilter.ROLE)
                        .anyRequest()
                        .hasRole(Role.ADMIN.name()));
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain pages(HttpSecurity http, LoginThrottle throttle) {
        LoginThrottleFilter throttling = new LoginThrottleFilter(throttle);
        // Form login for people; HTTP Basic too, so automation can fetch /v3/api-docs and the rule schema.
        http.formLogin(login -> login.loginPage("/login")
                        .failureHandler(throttling.failureHandler())
                        .successHandler(throttling.successHandler())
                        .permitAll())
                .httpBasic(basic -> basic.authenticationDetailsSource(BasicLoginDetails::new))
                .addFilterBefore(new BasicLoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .addFilterBefore(throttling, UsernamePasswordAuthenticationFilter.class)
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // People go to the login page; a machine asking for the API description gets a 401 problem.
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(DelegatingAuthenticationEntryPoint.builder()
                                .addEntryPointFor(
                                        ProblemSecurityHandlers.unauthorized(),
                                        PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs/**"))
                                .defaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                                .build()))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login", "/error", "/css/**", "/js/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/users/**", "/settings/**")
                        .hasRole(Role.ADMIN.name())
                        // The pages enforce what the JSON API enforces: viewers read, editors change rules and
                        // send failed deliveries again.
                        .requestMatchers(HttpMethod.POST, "/rules/**", "/deliveries/**")
                        .hasRole(Role.EDITOR.name())
                        // Deleting a person's data is an admin's call, like POST /api/audit/purge-user.
                        .requestMatchers("/audit/purge-user")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/audit/**")
                        .hasRole(Role.EDITOR.name())
                        .anyRequest()
                        .hasRole(Role.VIEWER.name()));
        return http.build();
    }

    /**
     * Authentications and authorizations stay observed (their metrics count who got in and who was refused), each
     * filter of every request does not: a filter chain observation wraps a dozen filters per request in
     * observations of their own, a measurable part of what an intake request costs, and the request's timing is
     * already observed once by Spring MVC ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(false)
                .build();
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name())
                .implies(Role.EDITOR.name())
                .role(Role.EDITOR.name())
                .implies(Role.VIEWER.name())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static RequestMatcher hasNoSession() {
        return request -> request.getRequestedSessionId() == null;
    }

    private static RequestMatcher carriesBasicCredentials() {
        return request -> {
            String authorization = request.getHeader("Authorization");
            return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        };
    }
}
