package io.quern.deploy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends a process's log to one file under its data directory. Every line of task work carries the
 * job, task and attempt ids (set in the MDC by the worker). Called once, from {@code main}.
 */
final class Logging {
    private Logging() {}

    static Path toFile(Path dataDir, String role) throws IOException {
        Path file = Files.createDirectories(dataDir.resolve("logs")).resolve(role + ".log");
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %X{job}%X{task:+/}%X{task}%X{attempt:+/}%X{attempt} "
                + "%logger{24} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName("file");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        ctx.getLogger("org.apache.zookeeper").setLevel(Level.WARN);
        // an ensemble member logs its role (LEADING, FOLLOWING) as it changes
        ctx.getLogger("org.apache.zookeeper.server.quorum.QuorumPeer").setLevel(Level.INFO);
        ctx.getLogger("org.apache.curator").setLevel(Level.WARN);
        ctx.getLogger("io.grpc").setLevel(Level.WARN);
        ctx.getLogger("io.netty").setLevel(Level.WARN);
        return file;
    }
}
