package org.fundwatch.serve.web;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fundwatch.serve.cases.CasesUi;
import org.fundwatch.serve.dashboard.DashboardUi;
import org.fundwatch.serve.institutions.InstitutionsUi;
import org.fundwatch.serve.ledger.LedgerUi;
import org.fundwatch.serve.ranking.RankingUi;
import org.fundwatch.serve.rules.RulesUi;
import org.fundwatch.serve.users.UsersUi;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The supervisors' web UI over the workflow store: form login with the accounts of the store (bcrypt, throttled,
 * audited), sessions with CSRF protection, Simplified Chinese by default and English on {@code ?lang=en}, the
 * features' controllers, and the clock that expires deadlines every minute.
 */
@Configuration(proxyBeanMethods = false)
@Import({CasesUi.class, DashboardUi.class, InstitutionsUi.class, LedgerUi.class, RankingUi.class, RulesUi.class,
        UsersUi.class, HomeController.class})
public class UiConfiguration implements WebMvcConfigurer {
    private static final Logger LOG = LoggerFactory.getLogger(UiConfiguration.class);

    @Bean
    @Order(3)
    SecurityFilterChain ui(HttpSecurity http, WorkflowDatabase db, Clock clock) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts(db, clock));
        passwords.setPasswordEncoder(Users.PASSWORDS);
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), Duration.ofMinutes(15), clock);
        return http
                .authenticationProvider(new ThrottledAuthentication(passwords, throttle, db, clock))
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/ui", true).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    private static UserDetailsService accounts(WorkflowDatabase db, Clock clock) {
        Users users = new Users(db.jdbc(), clock);
        return username -> users.find(username).map(SignedIn::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    Cases cases(WorkflowDatabase db, Clock clock) {
        return new Cases(db, clock);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService deadlineClock(Cases cases) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fundwatch-deadlines");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                int moved = cases.expireDeadlines();
                if (moved > 0) {
                    LOG.info("{} findings moved on by an expired deadline", moved);
                }
            } catch (RuntimeException e) {
                LOG.warn("expiring deadlines failed; trying again in a minute", e);
            }
        }, 0, 1, TimeUnit.MINUTES);
        return executor;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("fundwatch-lang");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        registry.addInterceptor(change);
    }
}
