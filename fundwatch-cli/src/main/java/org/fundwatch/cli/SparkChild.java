package org.fundwatch.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * {@code screen --engine spark}: the Spark job in a child JVM (this JVM's Java) on the Spark module's classpath as
 * Maven resolved it at build time ({@code fundwatch-spark/target/spark-launch.properties}), so Spark never enters
 * the CLI's own classpath. {@code FUNDWATCH_SPARK_LAUNCH} names another launch file.
 */
final class SparkChild {
    static final String LAUNCH_VARIABLE = "FUNDWATCH_SPARK_LAUNCH";

    private SparkChild() {
    }

    /** Runs {@code fundwatch-spark COMMAND ARGS}, its output on this process's; returns its exit code. */
    static int run(String subcommand, List<String> args, String driverMemory) throws IOException, InterruptedException {
        Properties launch = launchProperties();
        String classpath = launch.getProperty("classes") + File.pathSeparator
                + Files.readString(Path.of(launch.getProperty("classpath.file"))).trim();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + driverMemory);
        command.addAll(Arrays.asList(launch.getProperty("jvm.options").trim().split("\\s+")));
        command.add("-Dlog4j2.configurationFile=" + launch.getProperty("log4j.file"));
        command.add("-Dfile.encoding=UTF-8");
        command.add("-cp");
        command.add(classpath);
        command.add(launch.getProperty("main"));
        command.add(subcommand);
        command.addAll(args);
        Process child = new ProcessBuilder(command).inheritIO().start();
        try {
            return child.waitFor();
        } finally {
            child.destroy();
        }
    }

    private static Properties launchProperties() throws IOException {
        Path file = launchFile();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the Spark engine is not built (" + file + " is missing): run "
                    + "`mvn -B -q -DskipTests package` in the Fundwatch checkout, or set " + LAUNCH_VARIABLE);
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    /** Beside this checkout's CLI: {@code <root>/fundwatch-cli/target/…} → {@code <root>/fundwatch-spark/target/}. */
    private static Path launchFile() {
        String set = System.getenv(LAUNCH_VARIABLE);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        try {
            Path self = Path.of(SparkChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = self.getParent().getParent().getParent();
            return root.resolve("fundwatch-spark").resolve("target").resolve("spark-launch.properties");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
