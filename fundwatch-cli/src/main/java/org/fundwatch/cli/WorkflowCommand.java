package org.fundwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.workflow.calendar.CalendarStore;
import org.fundwatch.workflow.rules.RulePacks;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.store.DatabaseSettings;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "workflow", mixinStandardHelpOptions = true,
        description = "The workflow store's calendar and settings, kept by the bureau (工作日历, 期限设置).",
        subcommands = {WorkflowCommand.CalendarImport.class, WorkflowCommand.Settings.class,
                WorkflowCommand.Set.class, WorkflowCommand.ExportRules.class,
                WorkflowCommand.ExportHistory.class})
final class WorkflowCommand {

    /** Where the store is: FUNDWATCH_DB_URL, else the embedded one of --data-dir. */
    static final class Store {
        @Option(names = "--data-dir", defaultValue = "fundwatch-serve-data", description = "The server's data "
                + "directory; the embedded store is in its workflow/. Default: ${DEFAULT-VALUE}.")
        Path dataDir;

        WorkflowDatabase open() {
            return WorkflowDatabase.open(DatabaseSettings.from(System.getenv(), dataDir.resolve("workflow")));
        }
    }

    @Command(name = "calendar-import", mixinStandardHelpOptions = true,
            description = {"Declare holidays and moved working days (调休) from a CSV file of day,kind,name (kind "
                    + "HOLIDAY or WORKDAY); it replaces the declarations of every year it covers.",
                    "Monday to Friday are working days unless declared a holiday; weekends are not unless declared "
                            + "a working day. Deadlines (appeal, statement, rectification) count these days."})
    static final class CalendarImport implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Store store;

        @Parameters(index = "0", description = "The calendar file.")
        Path file;

        @Override
        public Integer call() {
            List<CalendarStore.DeclaredDay> days = CalendarStore.read(file);
            try (WorkflowDatabase db = store.open()) {
                int stored = db.transactions().execute(tx -> new CalendarStore(db.jdbc()).replaceYears(days));
                spec.commandLine().getOut().printf("%,d declared days stored (%d holidays, %d moved working days) "
                                + "in %s%n", stored, days.stream().filter(d -> d.kind().name().equals("HOLIDAY")).count(),
                        days.stream().filter(d -> d.kind().name().equals("WORKDAY")).count(), db.description());
            }
            return 0;
        }
    }

    @Command(name = "export-rules", mixinStandardHelpOptions = true,
            description = {"Write the live rule pack of the workflow store (as published in the UI's rule "
                    + "management) as pack.properties + rules.csv, for `fundwatch screen --rules DIR` and "
                    + "`fundwatch serve --rules DIR`.",
                    "A store without a published pack has the default pack live."})
    static final class ExportRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Store store;

        @Option(names = "--out", required = true, description = "The pack directory to write.")
        Path out;

        @Override
        public Integer call() {
            try (WorkflowDatabase db = store.open()) {
                RulePacks.StoredPack live = new RulePacks(db, Clock.systemDefaultZone())
                        .live(PolicyPack.defaultPackText());
                RulePacks.export(live, out);
                spec.commandLine().getOut().printf("%s %s (%d rules, %d enabled) → %s%n", live.pack().id(),
                        live.version(), live.pack().rules().size(), live.pack().enabledRules().size(), out);
            }
            return 0;
        }
    }

    @Command(name = "export-history", mixinStandardHelpOptions = true, description = "Write the confirmed history "
            + "(findings confirmed, money booked) per institution, physician and person, for `fundwatch screen "
            + "--history`.")
    static final class ExportHistory implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Store store;

        @Option(names = "--out", required = true, description = "The CSV file to write.")
        Path out;

        @Override
        public Integer call() throws java.io.IOException {
            try (WorkflowDatabase db = store.open()) {
                int rows = new org.fundwatch.workflow.ranking.RankingFacts(db).exportHistory(out);
                spec.commandLine().getOut().printf("confirmed history of %,d subjects → %s%n", rows, out);
            }
            return 0;
        }
    }

    @Command(name = "settings", mixinStandardHelpOptions = true, description = "Print the workflow's settings.")
    static final class Settings implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Store store;

        @Override
        public Integer call() {
            try (WorkflowDatabase db = store.open()) {
                Cases.Settings s = new Cases(db, Clock.systemDefaultZone()).settings();
                PrintWriter w = spec.commandLine().getOut();
                w.println("appeal_working_days      " + s.appealWorkingDays() + "   (申诉期限, working days)");
                w.println("statement_working_days   " + s.statementWorkingDays() + "   (陈述申辩期限, working days)");
                w.println("director_approval_above  " + s.directorApprovalAbove().toPlainString()
                        + "   (penalties above this, in yuan, need the director's approval)");
                w.println("bureau_name              " + s.bureauName() + "   (the issuer on the notices)");
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Change a setting (appeal_working_days, statement_working_days, director_approval_above, "
                    + "bureau_name); "
                    + "the change is in the audit log as the administrator's.")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Store store;

        @Parameters(index = "0", description = "The setting.")
        String name;

        @Parameters(index = "1", description = "Its new value.")
        String value;

        @Override
        public Integer call() {
            try (WorkflowDatabase db = store.open()) {
                new Cases(db, Clock.systemDefaultZone()).changeSetting(
                        Actor.of(System.getProperty("user.name", "admin"), Role.ADMIN), name, value);
                spec.commandLine().getOut().println(name + " = " + value);
            }
            return 0;
        }
    }
}
