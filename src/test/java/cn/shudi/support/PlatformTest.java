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
 * The platform as it runs (both counties, REST, webapps on a random port, H2 in memory), shared by every
 * test class that carries this annotation: Spring starts it once per test run. Test-only beans the tests'
 * models call are in it for all (they are allow-listed in the test configuration only). Nothing in it is
 * special to one test class; a test that needs a fresh database or one county uses
 * {@link FreshPlatformTest} or {@link OneCountyProcessTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"shudi.assessment.export-dir=target/test-assessments", "shudi.governance.refresh-seconds=0"})
@Import({ReliabilityTestBeans.class, AttackCanary.Config.class})
public @interface PlatformTest {
}
