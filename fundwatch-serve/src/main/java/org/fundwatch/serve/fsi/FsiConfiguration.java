package org.fundwatch.serve.fsi;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.fundwatch.serve.review.Reviewer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The national 3101/3102 endpoints over the reviewer. */
@Configuration(proxyBeanMethods = false)
public class FsiConfiguration {

    @Bean
    FsiController fsiController(Reviewer reviewer, CodeMapping codes, ObjectMapper mapper, Clock clock) {
        return new FsiController(reviewer, codes, mapper, clock);
    }
}
