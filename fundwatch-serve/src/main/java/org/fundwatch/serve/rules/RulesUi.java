package org.fundwatch.serve.rules;

import java.time.Clock;
import org.fundwatch.serve.Workbench;
import org.fundwatch.workflow.rules.RulePacks;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Rule management of the UI, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class RulesUi {
    @Bean
    RulesController rulesController(WorkflowDatabase db, Workbench workbench, Clock clock) {
        return new RulesController(new RulePacks(db, clock), workbench);
    }
}
