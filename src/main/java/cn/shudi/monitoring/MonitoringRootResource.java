package cn.shudi.monitoring;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * The plugin's REST root, {@code /camunda/api/cockpit/plugin/shudi-monitoring}: the browser code under
 * {@code static/app/} (inherited; Cockpit may load {@code plugin.js} and {@code plugin.css} before login)
 * and the figures per engine under {@code {engine}/} (login required).
 */
@Path("plugin/" + MonitoringPlugin.ID)
public class MonitoringRootResource extends AbstractCockpitPluginRootResource {

  public MonitoringRootResource() {
    super(MonitoringPlugin.ID);
  }

  @Path("{engine}")
  public MonitoringResource figures(@PathParam("engine") String engine) {
    WebApplicationContext spring = WebApplicationContextUtils.getWebApplicationContext(servletContext);
    Monitoring monitoring = spring == null ? null : spring.getBeanProvider(Monitoring.class).getIfAvailable();
    return subResource(new MonitoringResource(engine, monitoring), engine);
  }
}
