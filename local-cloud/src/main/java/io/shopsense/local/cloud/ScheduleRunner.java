package io.shopsense.local.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.template.Specs.ScheduleTrigger;
import io.shopsense.local.template.StackTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires the template's {@code Schedule} events on their rate or cron while the local cloud runs, each as an
 * asynchronous invocation with the EventBridge "Scheduled Event" shape (or the template's constant {@code Input}).
 */
public final class ScheduleRunner implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionHost host;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "schedules");
        thread.setDaemon(true);
        return thread;
    });

    public ScheduleRunner(FunctionHost host) {
        this.host = host;
        for (FunctionSpec function : host.functions()) {
            for (ScheduleTrigger trigger : function.schedules()) {
                if (trigger.enabled()) {
                    arm(function, trigger, ScheduleExpression.parse(trigger.expression()),
                            ZonedDateTime.now(ZoneOffset.UTC));
                }
            }
        }
    }

    private void arm(FunctionSpec function, ScheduleTrigger trigger, ScheduleExpression expression,
                     ZonedDateTime after) {
        ZonedDateTime next = expression.nextAfter(after);
        long delay = Math.max(0, ChronoUnit.MILLIS.between(ZonedDateTime.now(ZoneOffset.UTC), next));
        timer.schedule(() -> {
            host.invokeAsync(function.logicalId(), event(function, trigger, next.toInstant()));
            arm(function, trigger, expression, next);
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** The event a schedule delivers: its constant input, or EventBridge's scheduled event. */
    public static String event(FunctionSpec function, ScheduleTrigger trigger, Instant time) {
        if (trigger.input().isPresent()) {
            return trigger.input().get();
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "Scheduled Event")
                .put("source", "aws.events").put("account", StackTemplate.LOCAL_ACCOUNT)
                .put("time", time.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", StackTemplate.LOCAL_REGION);
        event.putArray("resources").add("arn:aws:events:" + StackTemplate.LOCAL_REGION + ":"
                + StackTemplate.LOCAL_ACCOUNT + ":rule/" + function.name() + "-" + trigger.eventName());
        event.putObject("detail");
        return event.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
