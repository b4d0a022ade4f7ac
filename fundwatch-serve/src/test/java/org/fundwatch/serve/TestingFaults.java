package org.fundwatch.serve;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A planted failing endpoint, {@code POST /api/test/fail}, to see what a caller gets from an unexpected error. */
@Configuration(proxyBeanMethods = false)
class TestingFaults {

    @Bean
    FailingEndpoint failingEndpoint() {
        return new FailingEndpoint();
    }
}

@RestController
final class FailingEndpoint {
    @PostMapping("/api/test/fail")
    String fail() {
        throw new IllegalStateException("planted failure: secret internals must not leak");
    }
}
