package dev.neurolake.server.security;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.governance.Governance;
import dev.neurolake.server.NeuroLakeProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Secure by default: every endpoint but the probes and login needs a principal (a session
 * cookie, an API key, or an SSO JWT); each endpoint's permission is checked by
 * {@link PermissionInterceptor}; CSRF protects cookie sessions; requests are rate-limited.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration
        implements WebMvcConfigurer
{
    static final String LOGIN_PATH = "/api/v1/auth/login";

    @Override
    public void addInterceptors(InterceptorRegistry registry)
    {
        registry.addInterceptor(new PermissionInterceptor());
    }

    @Bean
    Governance governance(NeuroLakeEngine engine)
    {
        return engine.governance();
    }

    @Bean
    PasswordEncoder passwordEncoder()
    {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean(destroyMethod = "close")
    RateLimiter rateLimiter(NeuroLakeProperties properties)
    {
        return properties.ratelimit().redisUrl().map(RateLimiter::redis).orElseGet(RateLimiter::inMemory);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, Principals principals, RateLimiter rateLimiter, NeuroLakeProperties properties)
            throws Exception
    {
        NeuroLakeProperties.Security security = properties.security();
        http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/health", "/health/**", "/live", "/ready", "/error", LOGIN_PATH, "/api/v1/auth/csrf").permitAll()
                        .anyRequest().authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                // An API has no login page to return to: saving refused requests would only create stray sessions.
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        // CSRF rides on credentials a browser sends by itself: the session cookie. Requests with a
                        // bearer token or without a session carry none, so they get a plain 401/403 instead.
                        .ignoringRequestMatchers(SecurityConfiguration::hasBearerToken, request -> request.getRequestedSessionId() == null,
                                request -> LOGIN_PATH.equals(request.getRequestURI())))
                .cors(cors -> cors.configurationSource(corsConfiguration(security.corsAllowedOrigins())))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, error) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ProblemWriter.write(request, response, ErrorCode.UNAUTHENTICATED, "Sign in (POST " + LOGIN_PATH + ") or send an API key as 'Authorization: Bearer nlk_...'");
                        })
                        .accessDeniedHandler((request, response, error) -> ProblemWriter.write(request, response, ErrorCode.FORBIDDEN,
                                "Forbidden: " + error.getMessage() + " (state-changing requests with a session cookie need the X-XSRF-TOKEN header)")))
                .addFilterBefore(new RequestSizeFilter(security.maxRequestBodySize().toBytes()), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(principals), BasicAuthenticationFilter.class)
                .addFilterAfter(new SessionPrincipalFilter(principals), ApiKeyAuthenticationFilter.class)
                .addFilterBefore(new RateLimitFilter(rateLimiter, properties.ratelimit()), AuthorizationFilter.class);
        NeuroLakeProperties.Oidc oidc = security.oidc();
        if (oidc.enabled()) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .bearerTokenResolver(jwtOnlyResolver())
                    .jwt(jwt -> jwt.decoder(jwtDecoder(oidc)).jwtAuthenticationConverter(new SsoAuthenticationConverter(principals, oidc))));
        }
        return http.build();
    }

    private static JwtDecoder jwtDecoder(NeuroLakeProperties.Oidc oidc)
    {
        if (oidc.jwkSetUri().isEmpty()) {
            return JwtDecoders.fromIssuerLocation(oidc.issuerUri().orElseThrow());
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri().get()).build();
        decoder.setJwtValidator(oidc.issuerUri()
                .map(JwtValidators::createDefaultWithIssuer)
                .orElseGet(() -> new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault())));
        return decoder;
    }

    /** API keys are ours, not JWTs: the JWT filter must not try to decode them. */
    private static BearerTokenResolver jwtOnlyResolver()
    {
        DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
        return request -> ApiKeyAuthenticationFilter.apiKey(request).isPresent() ? null : resolver.resolve(request);
    }

    private static boolean hasBearerToken(HttpServletRequest request)
    {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static CorsConfigurationSource corsConfiguration(List<String> allowedOrigins)
    {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!allowedOrigins.isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(allowedOrigins);
            configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-XSRF-TOKEN", "X-Request-Id"));
            configuration.setExposedHeaders(List.of("X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"));
            configuration.setAllowCredentials(true);
            source.registerCorsConfiguration("/**", configuration);
        }
        return source;
    }
}
