package org.fundwatch.serve.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The 3103 feedback endpoints over the store. */
@Configuration(proxyBeanMethods = false)
public class FeedbackConfiguration {

    @Bean
    FeedbackController feedbackController(FeedbackStore store, ObjectMapper mapper, Clock clock) {
        return new FeedbackController(store, mapper, clock);
    }
}
