package cn.shudi.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shudi.intake.*}: when a new request is offered to the dispatcher as a duplicate of an earlier one (same item
 * within {@code duplicate-radius-metres} and {@code duplicate-window}), and the time limit of a request outside the
 * list, which the department handles as its own work.
 */
@ConfigurationProperties("shudi.intake")
record IntakeProperties(@DefaultValue("250") int duplicateRadiusMetres, @DefaultValue("7d") Duration duplicateWindow,
    @DefaultValue("15个工作日") String offListTimeLimit) {
}
