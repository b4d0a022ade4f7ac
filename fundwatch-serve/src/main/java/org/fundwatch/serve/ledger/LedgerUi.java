package org.fundwatch.serve.ledger;

import org.fundwatch.workflow.store.WorkflowDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger feature of the UI: its controller and queries, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class LedgerUi {
    @Bean
    LedgerController ledgerController(WorkflowDatabase db) {
        return new LedgerController(new LedgerQueries(db.jdbc()));
    }
}
