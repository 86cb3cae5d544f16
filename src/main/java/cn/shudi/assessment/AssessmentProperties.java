package cn.shudi.assessment;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The monthly assessment's settings.
 *
 * @param exportDir where the monthly .xlsx files are written, one folder per county:
 *     {@code <exportDir>/<jurisdiction>/<yyyy-MM>.xlsx}
 */
@ConfigurationProperties("shudi.assessment")
record AssessmentProperties(@DefaultValue("./data/assessments") Path exportDir) {
}
