package org.fundwatch.serve.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The findings feature of the UI: the queue, a finding's page and its actions, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class CasesUi {
    @Bean
    FindingsController findingsController(WorkflowDatabase db, Cases cases, ObjectMapper json, MessageSource messages,
                                          Clock clock) {
        return new FindingsController(new FindingQueue(db), new FindingCase(db, clock), cases, json, messages, clock,
                CjkFont.locate(java.util.Optional.ofNullable(System.getenv(CjkFont.VARIABLE))));
    }
}
