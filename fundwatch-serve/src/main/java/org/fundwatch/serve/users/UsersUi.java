package org.fundwatch.serve.users;

import java.time.Clock;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Users;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The users feature of the UI (the administrator's accounts page): its controller, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class UsersUi {
    @Bean
    UsersController usersController(WorkflowDatabase db, MessageSource messages, Clock clock) {
        return new UsersController(new Users(db.jdbc(), clock), db, messages, clock);
    }
}
