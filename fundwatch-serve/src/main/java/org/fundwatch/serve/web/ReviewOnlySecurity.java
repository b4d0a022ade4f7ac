package org.fundwatch.serve.web;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** A review-only server (no workflow store): nothing but the machine API is served. */
@Configuration(proxyBeanMethods = false)
public class ReviewOnlySecurity {
    @Bean
    @Order(3)
    SecurityFilterChain nothingElse(HttpSecurity http) throws Exception {
        // error dispatches carry the machine API's own refusals (unknown path, wrong method) as envelopes
        return http.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
