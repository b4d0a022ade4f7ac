package org.fundwatch.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.time.Clock;
import org.fundwatch.screening.InstantScreening;
import org.fundwatch.serve.web.ReviewOnlySecurity;
import org.fundwatch.serve.web.UiConfiguration;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Users;
import org.fundwatch.serve.access.AccessSettings;
import org.fundwatch.serve.access.ApiKeys;
import org.fundwatch.serve.feedback.FeedbackStore;
import org.fundwatch.serve.fsi.CodeMapping;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.context.support.StandardServletEnvironment;

/**
 * A running review service. {@link #start} checks the options, reads the keys and the dictionary mapping, opens
 * the data directory and starts the web server with exactly these settings (environment variables and
 * {@code application.properties} files do not change them); {@link #close} stops it.
 */
public final class ReviewServer implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final ServeOptions options;
    private final int port;
    private final CountDownLatch stopped;

    private final Map<String, String> demoAccounts;

    private ReviewServer(ConfigurableApplicationContext context, ServeOptions options, int port,
                         CountDownLatch stopped, Map<String, String> demoAccounts) {
        this.context = context;
        this.options = options;
        this.port = port;
        this.stopped = stopped;
        this.demoAccounts = demoAccounts;
    }

    /** Builds the evaluator (its pack, knowledge and history), which may mean reading a dataset. */
    @FunctionalInterface
    public interface ScreeningLoader {
        InstantScreening load() throws IOException;
    }

    /** Starts the service over {@code screening}; fails with a coded message. */
    public static ReviewServer start(ServeOptions options, InstantScreening screening) {
        Objects.requireNonNull(screening, "screening is null");
        try {
            return start(options, () -> screening, Workbench.defaults(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the loader returns what it was given
        }
    }

    /**
     * Starts the service over the evaluator {@code loader} builds, called once the options, the keys, the mapping
     * and the data directory are known to be usable, so that a bad option costs no dataset load.
     */
    public static ReviewServer start(ServeOptions options, ScreeningLoader loader) throws IOException {
        return start(options, loader, Workbench.defaults(), List.of());
    }

    /** As {@link #start(ServeOptions, ScreeningLoader)}, with the UI's rule pack and trial-run engine. */
    public static ReviewServer start(ServeOptions options, ScreeningLoader loader, Workbench workbench)
            throws IOException {
        return start(options, loader, workbench, List.of());
    }

    /** As {@link #start(ServeOptions, ScreeningLoader)}, with more configurations (tests plant faults this way). */
    static ReviewServer start(ServeOptions options, ScreeningLoader loader, List<Class<?>> more)
            throws IOException {
        return start(options, loader, Workbench.defaults(), more);
    }

    static ReviewServer start(ServeOptions options, ScreeningLoader loader, Workbench workbench,
                              List<Class<?>> more) throws IOException {
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(loader, "loader is null");
        options.check();
        Optional<ApiKeys> keys;
        CodeMapping codes;
        try {
            keys = options.keysFile().map(ApiKeys::load);
        } catch (IllegalArgumentException e) {
            throw new ServeException(ServeException.Code.BAD_KEYS_FILE, e.getMessage());
        }
        try {
            codes = options.codeMapping().map(CodeMapping::load).orElseGet(CodeMapping::identity);
        } catch (IllegalArgumentException e) {
            throw new ServeException(ServeException.Code.BAD_CODE_MAPPING, e.getMessage());
        }
        FeedbackStore feedback;
        try {
            Files.createDirectories(options.dataDir());
            feedback = FeedbackStore.open(options.feedbackFile());
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new ServeException(ServeException.Code.BAD_DATA_DIR, options.dataDir() + ": " + e.getMessage());
        }
        AccessSettings access = new AccessSettings(keys, options.rateLimit(), options.maxBody(), options.accessLog());
        InstantScreening screening;
        try {
            screening = Objects.requireNonNull(loader.load(), "the loader returned no evaluator");
        } catch (IOException | RuntimeException e) {
            closeQuietly(feedback);
            throw e;
        }

        Optional<WorkflowDatabase> workflow;
        Map<String, String> demoAccounts = Map.of();
        try {
            workflow = options.workflow().map(WorkflowDatabase::open);
            if (workflow.isPresent()) {
                demoAccounts = createDemoAccounts(workflow.get());
            }
        } catch (RuntimeException e) {
            closeQuietly(feedback);
            throw new ServeException(ServeException.Code.BAD_WORKFLOW_STORE, e.getMessage(), e);
        }

        List<Class<?>> sources = new ArrayList<>(List.of(ServeApplication.class));
        sources.add(workflow.isPresent() ? UiConfiguration.class : ReviewOnlySecurity.class);
        sources.addAll(more);
        SpringApplication app = new SpringApplication(sources.toArray(Class<?>[]::new));
        StandardServletEnvironment env = new StandardServletEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("fundwatch serve options", properties(options)));
        app.setEnvironment(env);
        app.setRegisterShutdownHook(true);
        CountDownLatch stopped = new CountDownLatch(1);
        app.addInitializers(ctx -> {
            ctx.getBeanFactory().registerSingleton("instantScreening", screening);
            ctx.getBeanFactory().registerSingleton("accessSettings", access);
            ctx.getBeanFactory().registerSingleton("codeMapping", codes);
            ctx.getBeanFactory().registerSingleton("workbench", workbench);
            workflow.ifPresent(db -> ((GenericApplicationContext) ctx).registerBean("workflowDatabase",
                    WorkflowDatabase.class, () -> db, definition -> definition.setDestroyMethodName("close")));
            // closed with the beans, after the web server has stopped taking requests
            ((GenericApplicationContext) ctx).registerBean("feedbackStore", FeedbackStore.class, () -> feedback,
                    definition -> definition.setDestroyMethodName("close"));
            ctx.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    stopped.countDown();
                }
            });
        });
        ConfigurableApplicationContext context;
        try {
            context = app.run();
        } catch (RuntimeException e) {
            closeQuietly(feedback);
            workflow.ifPresent(WorkflowDatabase::close);
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new ServeException(ServeException.Code.START_FAILED, "the web server did not start on "
                    + options.address() + ":" + options.port() + ": " + root.getMessage(), e);
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new ReviewServer(context, options, port, stopped, demoAccounts);
    }

    /**
     * One account per role on a store that has none, the institution user for the institution with the most
     * findings (none when no finding is loaded yet).
     */
    private static Map<String, String> createDemoAccounts(WorkflowDatabase db) {
        Optional<String> institution = db.jdbc().sql("SELECT fixmedins_code FROM finding WHERE fixmedins_code IS NOT "
                + "NULL GROUP BY fixmedins_code ORDER BY count(*) DESC, fixmedins_code LIMIT 1").query(String.class)
                .optional();
        return new Users(db.jdbc(), Clock.systemDefaultZone()).createDemoAccounts(institution);
    }

    /** The workflow store of the UI, when the server has one. */
    public Optional<WorkflowDatabase> workflowDatabase() {
        return context.containsBean("workflowDatabase")
                ? Optional.of(context.getBean("workflowDatabase", WorkflowDatabase.class)) : Optional.empty();
    }

    /** The demo accounts created at this start (user name → password), to be shown once; empty after. */
    public Map<String, String> demoAccounts() {
        return demoAccounts;
    }

    private static Map<String, Object> properties(ServeOptions options) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.config.location", "classpath:/org/fundwatch/serve/serve.properties");
        p.put("server.port", options.port());
        p.put("server.address", options.address());
        p.put("logging.file.name", options.serverLog().toAbsolutePath().toString());
        return p;
    }

    private static void closeQuietly(FeedbackStore store) {
        try {
            store.close();
        } catch (IOException e) {
            // start-up failed already; that failure is the one to report
        }
    }

    public ServeOptions options() {
        return options;
    }

    /** The port the server listens on (the free one chosen when the options asked for 0). */
    public int port() {
        return port;
    }

    /** {@code http://address:port}, with loopback for a server on every interface. */
    public URI uri() {
        String host = options.address().equals("0.0.0.0") ? "127.0.0.1" : options.address();
        return URI.create("http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + ":" + port);
    }

    /** Blocks until the server stops (on {@link #close} or when the JVM shuts down). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        context.close();
    }
}
