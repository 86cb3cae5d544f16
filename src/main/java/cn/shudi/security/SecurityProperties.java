package cn.shudi.security;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits and allow-lists of the security guards (application.yaml, {@code shudi.security}).
 *
 * @param maxResults largest page a client may ask for with {@code maxResults}; a list without one gets it
 * @param maxBodyBytes largest request body on the engine's and the webapps' API, deployments aside
 * @param expressions what expressions in models may reach
 * @param deployments size caps of deployments
 */
@ConfigurationProperties("shudi.security")
record SecurityProperties(@DefaultValue("2000") int maxResults, @DefaultValue("1048576") long maxBodyBytes,
    @DefaultValue Expressions expressions, @DefaultValue Deployments deployments) {

  /**
   * @param beans bean name → the methods models may call on it; an empty list allows the bean only as a
   *     delegate or listener ({@code camunda:delegateExpression="${caseOpening}"})
   */
  public record Expressions(Map<String, List<String>> beans) {
    public Expressions {
      beans = beans == null ? Map.of() : beans;
    }
  }

  /**
   * @param maxResourceBytes largest single file (BPMN or form)
   * @param maxBytes largest deployment a person makes (REST, Camunda Modeler, governance)
   * @param maxStartupBytes largest deployment the platform makes at start-up (a county's blueprints from the
   *     repository)
   */
  public record Deployments(@DefaultValue("1048576") long maxResourceBytes, @DefaultValue("4194304") long maxBytes,
      @DefaultValue("67108864") long maxStartupBytes) {
  }
}
