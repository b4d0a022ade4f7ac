package org.fundwatch.serve.ranking;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.fundwatch.workflow.ranking.RankingFacts;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ranking feature of the UI: its controller over the store's ranking facts, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class RankingUi {
    @Bean
    RankingController rankingController(WorkflowDatabase db, ObjectMapper json, MessageSource messages, Clock clock) {
        return new RankingController(new RankingFacts(db), db.jdbc(), json, messages, clock);
    }
}
