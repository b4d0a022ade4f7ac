package org.fundwatch.serve.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The edge: the access filter in front of every endpoint, its log and limiter, and the error answers. */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

    @Bean(destroyMethod = "close")
    AccessLog accessLog(AccessSettings settings, ObjectMapper mapper) throws IOException {
        return new AccessLog(mapper, settings.accessLog());
    }

    @Bean
    FilterRegistrationBean<AccessFilter> accessFilter(AccessSettings settings, AccessLog log, ObjectMapper mapper,
                                                      Clock clock) {
        FilterRegistrationBean<AccessFilter> registration = new FilterRegistrationBean<>(
                new AccessFilter(settings, log, new RateLimiter(System::nanoTime), mapper, clock));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        // the machine API only; the UI has its own login (web.UiConfiguration)
        registration.addUrlPatterns("/fsi/*", "/api/*");
        return registration;
    }

    @Bean
    ErrorAnswers errorAnswers(Clock clock) {
        return new ErrorAnswers(clock);
    }
}
