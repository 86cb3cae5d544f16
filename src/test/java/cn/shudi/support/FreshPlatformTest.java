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
 * The platform on a database nobody else writes to: both counties, no server (a mock web environment, which
 * is also what makes this a context of its own), the same test-only beans and properties as
 * {@link PlatformTest}. Only for tests whose figures are worked out by hand over everything in the database
 * (the Cockpit figures of {@code MonitoringFiguresTest}); every other test scopes its assertions to its own
 * cases and shares {@link PlatformTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"shudi.assessment.export-dir=target/test-assessments", "shudi.governance.refresh-seconds=0"})
@Import({ReliabilityTestBeans.class, AttackCanary.Config.class})
public @interface FreshPlatformTest {
}
