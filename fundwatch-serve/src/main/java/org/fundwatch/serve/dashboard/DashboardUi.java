package org.fundwatch.serve.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard feature of the UI: its controller and queries, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class DashboardUi {
    @Bean
    DashboardController dashboardController(WorkflowDatabase db, ObjectMapper json, MessageSource messages,
                                            Clock clock) {
        int topInstitutions = 15;
        return new DashboardController(new LatestFigures(db.jdbc(), topInstitutions), json,
                messages, clock);
    }
}
