package cn.shudi.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Puts a test class of a hand-modelled process under process-test-coverage: a report per class in
 * {@code target/process-test-coverage/}, and the class fails below {@link #MINIMUM} of its processes'
 * flow nodes and sequence flows covered.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import({ProcessEngineCoverageConfiguration.class, ProcessCoverage.Threshold.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ProcessCoverage {

  /** Share of flow nodes and flows the tests of one class must pass through. */
  double MINIMUM = 0.9;

  /** The threshold, as the coverage library reads it. */
  @TestConfiguration
  class Threshold {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(MINIMUM).build();
    }
  }
}
