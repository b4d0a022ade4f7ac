package org.fundwatch.serve.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.fundwatch.screening.InstantScreening;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The review: the reviewer over the evaluator, and its Fundwatch-JSON endpoint. */
@Configuration(proxyBeanMethods = false)
public class ReviewConfiguration {

    @Bean
    Reviewer reviewer(InstantScreening screening) {
        return new Reviewer(screening);
    }

    @Bean
    ReviewController reviewController(Reviewer reviewer, ObjectMapper mapper, Clock clock) {
        return new ReviewController(reviewer, mapper, clock);
    }
}
