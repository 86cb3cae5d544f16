package cn.shudi.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import cn.shudi.reliability.ReliabilityTestBeans;
import cn.shudi.security.AttackCanary;

/**
 * The platform on a database of its own (both counties, REST and webapps on a random port, the same test-only
 * beans and properties as {@link PlatformTest}), shared by every class that carries this annotation. For the
 * tests that change the list in force through governance (admission, adjustment, the township guard on an
 * adjusted list), which the tests on {@link PlatformTest} must not see, and for those whose figures are worked
 * out by hand over everything in the database (the Cockpit figures of {@code MonitoringFiguresTest}), which
 * the governance tests leave alone: they end the item cases they start and their own processes are not items.
 * Each test here scopes its assertions to the versions and cases it made.
 *
 * <p>The database URL is what makes this a context of its own, and says so: the other contexts get a random
 * name from the test configuration.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"shudi.assessment.export-dir=target/test-assessments", "shudi.governance.refresh-seconds=0",
        "spring.datasource.url=jdbc:h2:mem:shudi-list-changes;DB_CLOSE_ON_EXIT=FALSE"})
@Import({ReliabilityTestBeans.class, AttackCanary.Config.class})
public @interface FreshPlatformTest {
}
