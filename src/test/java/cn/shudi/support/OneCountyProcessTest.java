package cn.shudi.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import cn.shudi.casework.CaseRecords;

/**
 * The platform with one county only (Zhangqiu, {@link ZhangqiuOnly}) and the test classes under
 * process-test-coverage ({@link ProcessCoverage}): the hand-modelled and shared processes' scenario
 * tests. One county, because the coverage library looks a model up by its key without a tenant. Spring
 * starts this context once for all classes that carry the annotation.
 *
 * <p>{@link CaseRecords} is a Mockito spy in it, for every class alike (so the context stays one): a test may
 * make it fail once to show a job's transaction rolling back; the spy is reset after each test and otherwise
 * calls the real bean.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OneCountyProcessTest.Zhangqiu.class)
@ProcessCoverage
@MockitoSpyBean(types = CaseRecords.class)
public @interface OneCountyProcessTest {

  /** Points the organization at the one-county copy of the jurisdiction files. */
  class Zhangqiu implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      Map<String, Object> properties = new java.util.HashMap<>();
      ZhangqiuOnly.register((name, value) -> properties.put(name, value.get()));
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("zhangqiu-only", properties));
    }
  }
}
