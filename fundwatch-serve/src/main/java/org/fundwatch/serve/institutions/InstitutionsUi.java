package org.fundwatch.serve.institutions;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The institutions feature of the UI: its controller and queries, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class InstitutionsUi {
    @Bean
    InstitutionsController institutionsController(WorkflowDatabase db, ObjectMapper json, MessageSource messages) {
        return new InstitutionsController(new InstitutionQueries(db.jdbc()), new IndicatorQueries(db.jdbc()), json,
                messages);
    }
}
